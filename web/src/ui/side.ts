// The side panel: the atlas, the colour legend, the head on show (a view's own sections), the
// selected token, the head map, and a hint in the matrix. Rebuilt as a whole when asked.
import type { BytesDebug } from '../debug';
import type { Actions } from '../state/actions';
import { focusIndex, headOf, selectionOf, type AppModel } from '../state/store';
import {
  atlasSection, headMapSection, legendSection, matrixHint, selectionSection, type HeadMapDebug, type SelectionAttention,
} from './panels';
import type { Stage } from './stage';

export interface SideParts {
  /** the matrix draws a sample of m tokens per head (null: all) */
  sample: { m: number } | null;
  bytes: BytesDebug | null;
  colorLabel: string;
  /** the head view's sections (null in the matrix) */
  head: HTMLElement | null;
  /** the selected token's attention in the head on show */
  attention: SelectionAttention | null;
  actions: Actions;
}

/** Rebuild the side panel (and the head navigation); returns what the head map drew. */
export function renderSide(dom: Stage, s: Readonly<AppModel>, parts: SideParts): HeadMapDebug | null {
  const info = s.info, side = dom.side;
  side.replaceChildren();
  dom.nav.style.display = info && s.view !== 'matrix' ? 'flex' : 'none';
  if (!info) return null;
  const [layer, head] = headOf(focusIndex(s), info.n_heads);
  dom.navTitle.textContent = `L${layer} H${head}`;
  side.append(atlasSection(info, s.layout ?? '', parts.sample, parts.bytes));
  if (s.tokens) side.append(legendSection(s.color, parts.colorLabel, s.tokens, s.tint, s.heads, s.layout ?? ''));
  if (s.view !== 'matrix' && parts.head) side.append(parts.head);
  const sel = selectionOf(s);
  if (sel && s.tokens) side.append(selectionSection(sel, s.tokens, info, parts.attention, parts.actions));
  const [map, mapDebug] = headMapSection(s.heads, s.headsError, info, s.theme, s.view !== 'matrix' ? focusIndex(s) : -1, parts.actions);
  side.append(map);
  if (s.view === 'matrix') side.append(matrixHint());
  return mapDebug;
}
