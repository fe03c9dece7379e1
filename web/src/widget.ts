// The notebook widget's entry (anywidget; `qkatlas.show`, qkatlas/share/widget.py): the same
// explorer (App) inside the widget's element, reading its data over the widget's comm channel
// (api/widget.ts), with no URL of its own. Built as one self-contained ES module with its CSS
// scoped to `.qkatlas-widget` (vite.config.ts), so nothing of the notebook's page is restyled.
//
// The model's traits carry the view both ways: Python sets atlas, view, layout, layer, head,
// token, color, theme to move the explorer; the explorer writes them back as the user navigates,
// with `selection` (the focused head, the selected token and its text, the view's URL hash).
import { widgetSource, type CommModel } from './api/widget';
import { App } from './app';
import { focusIndex, headOf, selectionOf, urlState, type AppModel } from './state/store';
import { DEFAULT_STATE, encodeState, type Role, type Theme, type ViewName } from './state/urlstate';

/** The state the Python side can set (traits of the same names). */
export interface WidgetState {
  atlas: string | null;
  view: ViewName;
  layout: string | null;
  layer: number;
  head: number;
  token: number | null;
  color: string;
  theme: Theme;
}

const TRAITS: (keyof WidgetState)[] = ['atlas', 'view', 'layout', 'layer', 'head', 'token', 'color', 'theme'];
const VIEWS: ViewName[] = ['matrix', 'head', 'sequence', 'image'];
/** Store keys whose change the Python side hears about. */
const REPORTED: (keyof AppModel)[] = ['atlas', 'view', 'layout', 'layer', 'head', 'token', 'role', 'color', 'theme', 'info', 'tokens'];

/** The traits as a valid state (anything unknown falls back to the explorer's defaults). */
export function readTraits(model: CommModel): WidgetState {
  const get = (k: string) => model.get(k);
  const int = (v: unknown, d: number) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : d);
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const view = get('view') as ViewName;
  return {
    atlas: str(get('atlas')),
    view: VIEWS.includes(view) ? view : 'matrix',
    layout: str(get('layout')),
    layer: int(get('layer'), 0),
    head: int(get('head'), 0),
    token: Number.isInteger(get('token')) ? (get('token') as number) : null,
    color: str(get('color')) ?? DEFAULT_STATE.color,
    theme: get('theme') === 'dark' ? 'dark' : 'light',
  };
}

/** What `widget.selection` holds in Python. */
export function selectionState(s: Readonly<AppModel>): Record<string, unknown> {
  const sel = selectionOf(s);
  const info = s.info;
  const [layer, head] = info ? headOf(focusIndex(s), info.n_heads) : [s.layer, s.head];
  return {
    atlas: s.atlas, view: s.view, layout: s.layout, layer, head,
    token: sel?.row ?? null, role: sel?.role ?? null, seq: sel?.seq ?? null, pos: sel ? sel.row - sel.start : null,
    text: sel && s.tokens ? s.tokens.token(sel.row) : null,
    hash: encodeState(urlState(s)),
  };
}

/** Move the explorer to `want` (what Python set), doing only what differs. */
async function apply(app: App, want: WidgetState): Promise<void> {
  let s = app.store.get();
  if (want.atlas && want.atlas !== s.atlas && s.atlases.some((a) => a.id === want.atlas)) {
    await app.switchAtlas(want.atlas);
    s = app.store.get();
  }
  const info = s.info;
  if (!info) return;
  if (want.layout && want.layout !== s.layout && info.layouts.some((l) => l.name === want.layout)) await app.switchLayout(want.layout);
  if (want.color !== s.color || want.theme !== s.theme) app.store.set({ color: want.color, theme: want.theme });
  const index = Math.min(want.layer, info.n_layers - 1) * info.n_heads + Math.min(want.head, info.n_heads - 1);
  const token = want.token !== null && want.token < info.n_tokens ? want.token : null;
  const role: Role = s.role ?? 'query';
  const tokenChanged = token !== s.token;
  if (tokenChanged && token === null) app.clearSelection();
  if (want.view === 'matrix') {
    if (s.view !== 'matrix') app.backToMatrix();
    app.store.set({ layer: Math.floor(index / info.n_heads), head: index % info.n_heads, ...(token !== null ? { token, role } : {}) });
    return;
  }
  if (s.view === 'matrix' || index !== focusIndex(s)) {
    if (tokenChanged && token !== null) app.store.set({ token, role }); // the head view draws its lines
    await app.focusHead(index);
  } else if (tokenChanged && token !== null) {
    await app.selectToken(token, role);
  }
  if (want.view === 'head') app.closeOverlay();
  else if (want.view === 'sequence') app.openSequence();
  else if (want.view === 'image') app.openImage();
}

function render({ model, el }: { model: CommModel; el: HTMLElement }): () => void {
  const root = document.createElement('div');
  root.className = 'qkatlas-widget';
  root.tabIndex = 0; // arrows and Esc act while the explorer has focus
  const size = () => (root.style.height = `${Number(model.get('height')) || 640}px`);
  size();
  el.append(root);
  const { source, transport } = widgetSource(model);
  const app = new App(root, source, { url: false, embedded: true });
  const first = readTraits(model);
  app.store.set({ ...first, role: 'query' }); // start() opens this atlas and restores this view
  const started = app.start();

  // Python -> explorer: one apply per burst of trait changes, after the first load
  let applying: Promise<void> = started, queued = false, writing = false;
  const onTrait = () => {
    if (writing || queued) return;
    queued = true;
    applying = applying.then(() => {
      queued = false;
      return apply(app, readTraits(model));
    }).catch((e) => console.error('qkatlas widget:', e));
  };
  for (const k of TRAITS) model.on(`change:${k}`, onTrait);
  model.on('change:height', size);

  // explorer -> Python: the traits and `selection`, once per burst of store changes
  let syncQueued = false;
  const sync = () => {
    syncQueued = false;
    const s = app.store.get();
    if (!s.info) return;
    const sel = selectionState(s);
    const traits: Record<string, unknown> = { atlas: s.atlas, view: s.view, layout: s.layout, layer: sel.layer, head: sel.head,
      token: sel.token, color: s.color, theme: s.theme };
    writing = true;
    try {
      for (const [k, v] of Object.entries(traits)) if (model.get(k) !== v) model.set(k, v);
      model.set('selection', sel);
      model.save_changes();
    } finally {
      writing = false;
    }
  };
  const unsubscribe = app.store.subscribe(() => {
    if (syncQueued) return;
    syncQueued = true;
    queueMicrotask(sync);
  }, REPORTED);

  return () => {
    unsubscribe();
    for (const k of TRAITS) model.off(`change:${k}`, onTrait);
    model.off('change:height', size);
    transport.close();
    root.remove();
  };
}

export default { render };
