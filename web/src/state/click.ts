// What a click on the stage means (pure): a point of another head (or any point in the matrix)
// focuses its head with that token selected; a point of the head on show selects the token; an
// empty part of a cell focuses that cell's head.
import type { Role } from '../api/source';
import { cellAt } from '../render/grid';
import { focusIndex, type AppModel } from './store';

export type ClickAction =
  | { kind: 'focus'; index: number; token?: { row: number; role: Role } }
  | { kind: 'select'; row: number; role: Role }
  | null;

/** `pick`: the point under the click (head index, token row, role); `world`: the 2-D world position (undefined in 3-D). */
export function clickAction(s: Readonly<AppModel>, pick: { index: number; row: number; role: Role } | null, world: [number, number] | undefined): ClickAction {
  const grid = s.grid;
  if (!s.info || !grid || !s.tokens) return null;
  if (pick) {
    if (s.view === 'matrix' || pick.index !== focusIndex(s)) return { kind: 'focus', index: pick.index, token: { row: pick.row, role: pick.role } };
    return { kind: 'select', row: pick.row, role: pick.role };
  }
  if (!world) return null;
  const i = cellAt(grid.slots, grid.nCols, world[0], world[1]);
  if (i >= 0 && (s.view === 'matrix' || grid.slots[i].index !== focusIndex(s))) return { kind: 'focus', index: grid.slots[i].index };
  return null;
}
