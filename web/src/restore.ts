// Restoring a shared view: go to what a URL state names (after an atlas loaded, or when the hash
// changed): layout, colours and settings, sort, search, the selected token, then the view and head.
import type { DebugState } from './debug';
import { selectionOf, type AppStore } from './state/store';
import type { AppState } from './state/urlstate';

/** What restoring needs of the app. */
export interface RestoreTarget {
  readonly store: AppStore;
  readonly debug: DebugState;
  /** the current atlas has colour mode `id` */
  hasColor(id: string): boolean;
  switchLayout(name: string): Promise<void>;
  setSort(sort: string): void;
  search(q: string, regex: boolean): Promise<void>;
  focusHead(index: number, animate?: boolean): Promise<void>;
  backToMatrix(): void;
}

export async function restoreView(app: RestoreTarget, want: AppState): Promise<void> {
  const { store, debug } = app;
  const info = store.get().info;
  if (!info) return;
  const s = store.get();
  if (want.layout && want.layout !== s.layout) await app.switchLayout(want.layout);
  const color = app.hasColor(want.color) ? want.color : s.color;
  store.set({ theme: want.theme, color, size: want.size, thumbs: want.thumbs, hide: want.hide, weighted: want.weighted, tint: want.tint });
  if (want.sort !== store.get().sort) app.setSort(want.sort);
  if (want.search !== store.get().search || want.regex !== store.get().regex) await app.search(want.search, want.regex);
  const layer = Math.min(want.layer, info.n_layers - 1), head = Math.min(want.head, info.n_heads - 1);
  const token = want.token !== null && want.token < info.n_tokens ? want.token : null;
  store.set({ token, role: want.role });
  const tok = store.get().tokens!;
  debug.selected = token === null ? null : { token, role: want.role, seq: tok.seq(token), text: tok.token(token) };
  if (want.view === 'matrix') {
    store.set({ layer, head });
    if (store.get().view !== 'matrix') app.backToMatrix();
    return;
  }
  const view = want.view === 'image' && !info.images ? 'head' : want.view === 'sequence' && !selectionOf(store.get()) ? 'head' : want.view;
  store.set({ view });
  await app.focusHead(layer * info.n_heads + head, false);
}
