// Keyboard: Esc closes the overlay, then clears the selection, then goes back to the matrix;
// arrows step between heads (from the matrix, they open the focused head).
import type { Actions } from '../state/actions';
import { focusIndex, selectionOf, type AppModel } from '../state/store';

const MOVES: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };

/** Handle a key press in state `s`; keys typed into form fields are left alone. */
export function handleKey(e: KeyboardEvent, s: Readonly<AppModel>, actions: Actions): void {
  const tag = (e.target as HTMLElement | null)?.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
  if (!s.info) return;
  if (e.key === 'Escape') {
    if (s.view === 'sequence' || s.view === 'image') actions.closeOverlay();
    else if (selectionOf(s)) actions.clearSelection();
    else if (s.view === 'head') actions.backToMatrix();
    e.preventDefault();
    return;
  }
  const move = MOVES[e.key];
  if (move) {
    e.preventDefault();
    if (s.view === 'matrix') void actions.focusHead(focusIndex(s));
    else actions.step(...move);
  }
}
