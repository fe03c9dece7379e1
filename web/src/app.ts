// The explorer app: the composition root. It builds the page (top bar, stage, side panel), the
// one Renderer, the store and the URL binding, mounts and unmounts the views as the store's
// `view` changes, and runs the flows that span views (load an atlas, switch layout, focus a
// head, select a token, search, restore a shared URL). Views get narrow contexts (views/view.ts)
// and call back only through the Actions interface this class implements.
import type { AtlasSource, DataSource, LayoutDesc, Role } from './api/source';
import { createDebugState, installDebug, type DebugState } from './debug';
import { Heads } from './data/heads';
import { TokenTable, sequencesFrom } from './data/tokens';
import { colorModes } from './render/coloring';
import { Renderer, type Pick } from './render/deck';
import { cellAt, fitCell, fitMatrix, makeGrid, stepHead } from './render/grid';
import type { Actions } from './state/actions';
import { EMPTY_SESSION, createStore, focusIndex, headOf, selectionOf, urlState, type AppModel, type AppStore, type Changed } from './state/store';
import { DEFAULT_STATE, bindUrl, encodeState, pageHash, stateFromHash, type AppState } from './state/urlstate';
import { handleKey } from './ui/keys';
import { renderSide } from './ui/side';
import { buildStage, setStatus, type Stage } from './ui/stage';
import { Toolbar } from './ui/toolbar';
import { hideTooltip, showTooltip } from './ui/tooltip';
import { HeadView } from './views/head';
import { ImageView } from './views/image';
import { MatrixView, POINT_BUDGET } from './views/matrix';
import { SequenceView } from './views/sequence';
import { anyChanged, type View, type ViewContext } from './views/view';

export interface AppOptions {
  /** points drawn in the matrix before level-of-detail sampling */
  budget?: number;
  /** keep the page's URL hash in sync with the state (off for embedded uses such as a notebook widget) */
  url?: boolean;
}

/** Keys whose change changes what the Deck draws. */
const DRAWN: (keyof AppModel)[] = ['theme', 'tint', 'heads', 'grid', 'found', 'foundMask', 'thumbs', 'view', 'layer', 'head', 'token', 'role', 'sort'];
/** Keys whose change changes the side panel. */
const PANEL: (keyof AppModel)[] = ['info', 'tokens', 'heads', 'headsError', 'view', 'layer', 'head', 'token', 'role', 'color', 'tint', 'theme', 'layout'];

export class App implements Actions {
  readonly store: AppStore;
  readonly debug: DebugState;
  private dom: Stage;
  private toolbar: Toolbar;
  private renderer: Renderer;
  private atlas: AtlasSource | null = null;
  private matrix: MatrixView | null = null;
  private head: HeadView | null = null;
  private overlay: { kind: 'sequence' | 'image'; view: View } | null = null;
  private atlasGen = 0;
  private layoutGen = 0;
  private panelQueued = false;
  /** the colour modes of the current atlas */
  private colorIds = new Set<string>();

  constructor(root: HTMLElement, private source: DataSource, private opts: AppOptions = {}) {
    const url = opts.url !== false;
    this.store = createStore(url ? stateFromHash(location.hash) : DEFAULT_STATE);
    this.debug = createDebugState(source.kind);
    this.dom = buildStage(this);
    this.toolbar = new Toolbar(this.store, this);
    root.append(this.toolbar.el, this.dom.main);
    this.renderer = new Renderer(this.dom.stage, this.dom.canvas, this.dom.under, this.dom.over, {
      hover: (p, info) => this.onHover(p, info.x, info.y),
      click: (p, world) => void this.onClick(p, world),
      viewChanged: () => hideTooltip(this.dom.tooltip),
      error: (err) => {
        this.debug.errors.push(String(err));
        console.error(err);
      },
      frame: (start, ms) => {
        this.debug.renderCount++;
        this.debug.frames.push([Math.round(start), Math.round(ms)]);
        if (this.debug.frames.length > 50) this.debug.frames.shift();
      },
    });
    installDebug(this.debug, {
      view: () => this.store.get().view,
      state: () => urlState(this.store.get()),
      transitioning: () => this.renderer.transitioning,
      mode3d: () => this.renderer.mode3d,
      cells: () => this.matrix?.cellRects() ?? [],
      pointScreen: (layer, head, row, role) => this.pointScreen(layer, head, row, role),
      focusHead: (layer, head) => this.focusHead(layer * (this.store.get().info?.n_heads ?? 0) + head),
      frameTime: () => this.renderer.frameTime(),
      select: (row, role = 'query') => this.selectToken(row, role),
    });
    this.store.subscribe((s, changed) => this.onChange(s, changed));
    if (url) {
      bindUrl(this.store, pageHash(), (hash) => (this.debug.hash = hash));
      window.addEventListener('hashchange', () => void this.onHashChange());
    }
    document.body.classList.toggle('light', this.store.get().theme === 'light');
    window.addEventListener('keydown', (e) => handleKey(e, this.store.get(), this));
    window.addEventListener('resize', () => this.onResize());
  }

  // ---- store -> views -------------------------------------------------------------------------
  private onChange(s: Readonly<AppModel>, changed: Changed<AppModel>): void {
    this.toolbar.sync(s, changed);
    if (changed.has('theme')) document.body.classList.toggle('light', s.theme === 'light');
    const fresh = this.syncViews();
    for (const v of [this.matrix, this.head, this.overlay?.view]) if (v && !fresh.has(v)) v.update(changed);
    if (anyChanged(changed, ...DRAWN)) this.renderer.render();
    if (anyChanged(changed, ...PANEL)) this.refreshPanel();
  }

  /** Mount the head view and the overlays that the state asks for, unmount the others. */
  private syncViews(): Set<View> {
    const s = this.store.get(), fresh = new Set<View>();
    const ready = !!(s.info && s.grid && s.tokens && this.matrix && this.atlas);
    if (ready && s.view !== 'matrix' && !this.head) {
      this.head = new HeadView(this.sceneContext(), this.matrix!);
      this.head.mount();
      fresh.add(this.head);
    } else if ((!ready || s.view === 'matrix') && this.head) {
      this.head.unmount();
      this.head = null;
    }
    const kind = ready && (s.view === 'sequence' || s.view === 'image') ? s.view : null;
    if (this.overlay && this.overlay.kind !== kind) {
      this.overlay.view.unmount();
      this.overlay = null;
    }
    if (kind && !this.overlay) {
      const ctx = { ...this.context(), root: this.dom.overlay };
      this.overlay = { kind, view: kind === 'sequence' ? new SequenceView(ctx) : new ImageView(ctx) };
      this.overlay.view.mount();
      fresh.add(this.overlay.view);
    }
    return fresh;
  }

  private context(): ViewContext {
    return { store: this.store, source: this.atlas!, actions: this, debug: this.debug };
  }

  private sceneContext() {
    return { ...this.context(), renderer: this.renderer };
  }

  status(text: string, error = false): void {
    setStatus(this.dom.status, text, error);
    if (error) this.debug.errors.push(text);
  }

  // ---- loading ------------------------------------------------------------------------------
  async start(): Promise<void> {
    try {
      const t0 = performance.now();
      const atlases = await this.source.atlases();
      this.debug.timings.atlases = performance.now() - t0;
      this.store.set({ atlases });
      if (!atlases.length) {
        this.status('No atlases are served. Start the server with `qkatlas serve ATLAS_DIR`.', true);
        return;
      }
      this.toolbar.setAtlases(atlases);
      const want = this.store.get().atlas;
      await this.loadAtlas(atlases.some((a) => a.id === want) ? want! : atlases[0].id, true);
    } catch (e) {
      this.status(`Could not load: ${(e as Error).message}`, true);
    }
  }

  async switchAtlas(id: string): Promise<void> {
    this.store.set({ ...DEFAULT_STATE, theme: this.store.get().theme, atlas: id });
    await this.loadAtlas(id, false);
  }

  /** Load atlas `id`; with `restore`, then go to the view the URL state names. */
  private async loadAtlas(id: string, restore: boolean): Promise<void> {
    const gen = ++this.atlasGen;
    this.layoutGen++;
    const t0 = performance.now();
    const s0 = this.store.get();
    const wanted = restore ? urlState(s0) : null;
    this.debug.ready = false;
    this.debug.renderedAt = null;
    this.status('loading atlas\u2026');
    this.matrix?.unmount();
    this.matrix = null;
    this.atlas = this.source.atlas(id);
    this.store.set({ ...EMPTY_SESSION, atlases: s0.atlases }); // unmounts the head view and overlays
    if (this.renderer.mode3d) this.renderer.leaveOrbit({ target: [0, 0, 0], zoom: 0 });
    const source = this.atlas;
    const matrix = (this.matrix = new MatrixView(this.sceneContext(), (f) => (this.dom.progress.style.width = f > 0 ? `${100 * f}%` : '0'), this.opts.budget ?? POINT_BUDGET));
    matrix.mount();
    this.renderer.render();
    const meta = Promise.all([source.info(), source.tokens(), source.sequences()]);
    // the atlases list already says which layouts exist: start fetching the matrix right away
    const summary = s0.atlases.find((a) => a.id === id)!;
    const chosen = summary.layouts.find((l) => l.name === s0.layout) ?? summary.layouts.find((l) => l.dim === 2) ?? summary.layouts[0];
    let gridReady = () => {};
    const ready = new Promise<void>((r) => (gridReady = r));
    let layoutDone: Promise<boolean> | null = null;
    if (chosen) {
      this.store.set({ layout: chosen.name });
      layoutDone = matrix.load(chosen, summary, ready);
    }
    let parts: Awaited<typeof meta>;
    try {
      parts = await meta;
    } catch (e) {
      if (gen === this.atlasGen) this.status(`Could not load: ${(e as Error).message}`, true);
      return;
    }
    if (gen !== this.atlasGen) return;
    const [info, tokData, seqTable] = parts;
    this.debug.timings.meta = performance.now() - t0;
    const tokens = new TokenTable(tokData);
    const modes = colorModes(tokens, info.image, info.metadata_columns ?? []);
    this.colorIds = new Set(modes.map((m) => m.id));
    this.toolbar.setAtlas(info, modes);
    const color = this.colorIds.has(this.store.get().color) ? this.store.get().color : 'role';
    const grid = layoutDone ? makeGrid(info.n_layers, info.n_heads) : null;
    this.store.set({ info, tokens, seqs: sequencesFrom(seqTable), atlas: id, color, grid });
    void this.loadHeads(gen);
    this.status('');
    if (!info.layouts.length || !layoutDone) {
      this.status(`Atlas ${info.name} has no layouts yet: compute them with \`qkatlas layout ${info.id}\`.`, true);
      return;
    }
    this.fitMatrix();
    gridReady();
    await layoutDone;
    if (gen !== this.atlasGen) return;
    const s = this.store.get();
    if (s.search) void this.search(s.search, s.regex);
    if (wanted) await this.restoreView(wanted);
  }

  private async loadHeads(gen: number): Promise<void> {
    const info = this.store.get().info!;
    let heads: Heads | null = null, error = '';
    try {
      heads = new Heads(await this.atlas!.heads(), info.n_layers, info.n_heads);
    } catch (e) {
      error = (e as Error).message;
    }
    if (gen !== this.atlasGen) return;
    this.toolbar.setHeads(heads, error);
    const s = this.store.get();
    // a tint of metrics that will never come is dropped; one that may still come is kept
    const tint = !heads && error && s.tint !== 'none' && s.tint !== 'layer' ? 'none' : s.tint;
    this.store.set({ heads, headsError: error, tint });
    if (s.sort !== 'layer') this.setSort(s.sort);
  }

  async switchLayout(name: string): Promise<void> {
    const s = this.store.get(), info = s.info, matrix = this.matrix;
    const layout: LayoutDesc | undefined = info?.layouts.find((l) => l.name === name);
    if (!info || !matrix || !layout) return;
    const gen = ++this.layoutGen;
    const view = s.view, index = focusIndex(s);
    this.head?.reset();
    this.debug.renderedAt = null;
    this.debug.ready = false;
    this.store.set({ layout: name });
    const ok = await matrix.load(layout, info);
    if (gen !== this.layoutGen || !ok) return;
    if (view !== 'matrix') await this.focusHead(index, false);
  }

  setSort(sort: string): void {
    this.store.set({ sort });
    const s = this.store.get(), info = s.info;
    if (!info) return;
    this.store.set({ grid: makeGrid(info.n_layers, info.n_heads, s.heads?.order(sort)) });
    if (s.view === 'matrix') this.fitMatrix();
    else if (!this.renderer.mode3d) this.fitFocus();
  }

  async search(q: string, regex: boolean): Promise<void> {
    this.store.set({ search: q, regex });
    const info = this.store.get().info;
    if (!info || !this.atlas) return;
    if (!q.trim()) {
      this.store.set({ found: null, foundMask: null, searchError: '' });
      this.debug.search = null;
      this.toolbar.setCount('', false);
      return;
    }
    try {
      const hits = await this.atlas.search({ q, regex });
      if (q !== this.toolbar.query || info !== this.store.get().info) return;
      const mask = new Uint8Array(info.n_tokens);
      hits.rows.forEach((r) => (mask[r] = 1));
      const nh = info.n_layers * info.n_heads;
      const { nTokens: t, nSequences: q2 } = hits;
      const text = t ? `${t} token${t === 1 ? '' : 's'} match in ${q2} sequence${q2 === 1 ? '' : 's'} (\u00d7${nh} heads)` : 'no match';
      this.toolbar.setCount(text, !t);
      this.debug.search = { q, regex, tokens: t, sequences: q2, text };
      this.store.set({ found: hits, foundMask: hits.rows.length ? mask : null, searchError: '' });
    } catch (e) {
      const msg = (e as Error).message;
      this.toolbar.setCount(msg, true);
      this.debug.search = { q, regex, error: msg };
      this.store.set({ found: null, foundMask: null, searchError: msg });
    }
  }

  // ---- camera and focus -----------------------------------------------------------------------
  private fitMatrix(duration = 0, onEnd?: () => void): void {
    const grid = this.store.get().grid;
    if (!grid) return;
    const [w, h] = this.renderer.size();
    this.renderer.setViewState({ ...fitMatrix(grid, w, h), minZoom: -4, maxZoom: 16 }, duration, onEnd);
  }

  private fitFocus(): void {
    const s = this.store.get();
    if (!s.grid) return;
    const [w, h] = this.renderer.size();
    this.renderer.setViewState({ ...fitCell(s.grid, focusIndex(s), w, h), minZoom: -4, maxZoom: 16 });
  }

  private onResize(): void {
    const s = this.store.get();
    if (!s.info || this.renderer.mode3d) return;
    if (s.view === 'matrix') this.fitMatrix();
    else this.fitFocus();
  }

  async focusHead(index: number, animate = true): Promise<void> {
    const s = this.store.get(), info = s.info;
    if (!info || !s.grid || index < 0 || index >= info.n_layers * info.n_heads) return;
    const fromMatrix = s.view === 'matrix';
    const [layer, head] = headOf(index, info.n_heads);
    this.store.set({ layer, head, view: fromMatrix ? 'head' : s.view });
    await this.head?.show(index, animate, fromMatrix);
  }

  step(dRow: number, dCol: number): void {
    const s = this.store.get();
    if (!s.info || !s.grid) return;
    const i = stepHead(s.grid, focusIndex(s), dRow, dCol);
    if (i >= 0) void this.focusHead(i);
  }

  backToMatrix(): void {
    if (!this.store.get().info) return;
    this.store.set({ view: 'matrix' });
    this.fitMatrix(600, () => this.renderer.render());
  }

  // ---- selection and overlays -----------------------------------------------------------------
  async selectToken(row: number, role: Role): Promise<void> {
    const s = this.store.get(), info = s.info, tok = s.tokens;
    if (!info || !tok || row < 0 || row >= info.n_tokens) return;
    this.store.set({ token: row, role });
    this.debug.selected = { token: row, role, seq: tok.seq(row), text: tok.token(row) };
    if (s.view === 'matrix') await this.focusHead(focusIndex(this.store.get()));
    else await this.head?.syncAttention();
  }

  clearSelection(): void {
    this.store.set({ token: null });
    this.debug.selected = null;
    this.debug.lines = 0;
  }

  openSequence(): void {
    if (selectionOf(this.store.get())) this.store.set({ view: 'sequence' });
  }

  openImage(): void {
    if (this.store.get().info?.images) this.store.set({ view: 'image' });
  }

  closeOverlay(): void {
    const v = this.store.get().view;
    if (v === 'sequence' || v === 'image') this.store.set({ view: 'head' });
  }

  // ---- URL state --------------------------------------------------------------------------------
  private async onHashChange(): Promise<void> {
    const want = stateFromHash(location.hash);
    const s = this.store.get();
    if (encodeState(want) === encodeState(urlState(s))) return;
    if (want.atlas && want.atlas !== s.atlas) {
      this.store.set({ ...want });
      await this.loadAtlas(want.atlas, true);
      return;
    }
    await this.restoreView(want);
  }

  /** Go to the view that `want` describes (after an atlas loaded, or a hash change). */
  private async restoreView(want: AppState): Promise<void> {
    const info = this.store.get().info;
    if (!info) return;
    const s = this.store.get();
    if (want.layout && want.layout !== s.layout && info.layouts.some((l) => l.name === want.layout)) await this.switchLayout(want.layout);
    const color = this.colorIds.has(want.color) ? want.color : s.color;
    this.store.set({ theme: want.theme, color, size: want.size, thumbs: want.thumbs, hide: want.hide, weighted: want.weighted, tint: want.tint });
    if (want.sort !== this.store.get().sort) this.setSort(want.sort);
    if (want.search !== this.store.get().search || want.regex !== this.store.get().regex) await this.search(want.search, want.regex);
    const layer = Math.min(want.layer, info.n_layers - 1), head = Math.min(want.head, info.n_heads - 1);
    const token = want.token !== null && want.token < info.n_tokens ? want.token : null;
    this.store.set({ token, role: want.role });
    const tok = this.store.get().tokens!;
    this.debug.selected = token === null ? null : { token, role: want.role, seq: tok.seq(token), text: tok.token(token) };
    if (want.view === 'matrix') {
      this.store.set({ layer, head });
      if (this.store.get().view !== 'matrix') this.backToMatrix();
      return;
    }
    const view = want.view === 'image' && !info.images ? 'head' : want.view === 'sequence' && !selectionOf(this.store.get()) ? 'head' : want.view;
    this.store.set({ view });
    await this.focusHead(layer * info.n_heads + head, false);
  }

  // ---- pointer ---------------------------------------------------------------------------
  private pointScreen(layer: number, head: number, row: number, role: Role): [number, number] | null {
    const info = this.store.get().info;
    if (!info) return null;
    const index = layer * info.n_heads + head;
    const w = this.head && this.head.shown === index ? this.head.worldOf(row, role) : this.renderer.mode3d ? null : this.matrix?.worldOf(index, row, role) ?? null;
    return w ? this.renderer.pageOf(w) : null;
  }

  private onHover(p: Pick | null, x: number, y: number): void {
    const s = this.store.get();
    const t = this.dom.tooltip;
    if (!p || !s.info || !s.tokens || !s.seqs) {
      hideTooltip(t);
      return;
    }
    const [w, h] = this.renderer.size();
    showTooltip(t, p, s.info, s.tokens, s.seqs, x, y, w, h);
    const [layer, head] = headOf(p.index, s.info.n_heads);
    this.debug.hover = { token: p.row, role: p.role, layer, head, text: t.textContent };
  }

  private async onClick(p: Pick | null, coordinate: [number, number] | undefined): Promise<void> {
    const s = this.store.get(), grid = s.grid;
    if (!s.info || !grid || !s.tokens) return;
    if (p) {
      if (s.view === 'matrix' || p.index !== focusIndex(s)) {
        this.store.set({ token: p.row, role: p.role });
        this.debug.selected = { token: p.row, role: p.role, seq: s.tokens.seq(p.row), text: s.tokens.token(p.row) };
        await this.focusHead(p.index);
      } else {
        await this.selectToken(p.row, p.role);
      }
      return;
    }
    if (this.renderer.mode3d || !coordinate) return;
    const i = cellAt(grid.slots, grid.nCols, coordinate[0], coordinate[1]);
    if (i >= 0 && (s.view === 'matrix' || grid.slots[i].index !== focusIndex(s))) await this.focusHead(grid.slots[i].index);
  }

  // ---- side panel -------------------------------------------------------------------------------
  refreshPanel(): void {
    if (this.panelQueued) return;
    this.panelQueued = true;
    queueMicrotask(() => {
      this.panelQueued = false;
      this.renderPanel();
    });
  }

  private renderPanel(): void {
    const s = this.store.get(), m = this.matrix;
    this.debug.headmap = renderSide(this.dom, s, {
      sample: m?.sampled ? { m: m.perRole } : null,
      bytes: this.debug.bytes,
      colorLabel: this.toolbar.colorLabel(),
      head: s.view !== 'matrix' && this.head ? this.head.panel() : null,
      attention: this.head?.attention() ?? null,
      actions: this,
    });
  }
}
