// What views and panels may ask of the app: the flows that span several views (focus a head,
// select a token, open an overlay...). The app implements it; views get it in their context and
// never see the app itself. Plain settings (colour, size, tint, theme...) are set on the store.
import type { Role } from '../api/source';

export interface Actions {
  /** Zoom to head `index` (layer * nHeads + head); from the matrix this opens the head view. */
  focusHead(index: number, animate?: boolean): Promise<void>;
  /** Step to the neighbouring head in display order. */
  step(dRow: number, dCol: number): void;
  backToMatrix(): void;
  selectToken(row: number, role: Role): Promise<void>;
  clearSelection(): void;
  openSequence(): void;
  openImage(): void;
  /** Close the sequence or image view (back to the head view). */
  closeOverlay(): void;
  switchAtlas(id: string): Promise<void>;
  switchLayout(name: string): Promise<void>;
  search(q: string, regex: boolean): Promise<void>;
  setSort(sort: string): void;
  /** Rebuild the side panel (a view's own data, such as similar heads, changed). */
  refreshPanel(): void;
  /** Show a status line (an error also goes to the debug hooks); '' hides it. */
  status(text: string, error?: boolean): void;
}
