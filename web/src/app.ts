// The explorer app: the composition root. It builds the page (top bar, stage, side panel), the
// one Renderer, the store and the URL binding, mounts and unmounts the views as the store's
// `view` changes, and runs the flows that span views (load an atlas, switch layout, focus a
// head, select a token, search, restore a shared URL). Views get narrow contexts (views/view.ts)
// and call back only through the Actions interface this class implements.
import type { AtlasInfo, AtlasSource, AtlasSummary, DataSource, Role } from './api/source';
import { createDebugState, installDebug, jsHeap, type DebugState } from './debug';
import { Heads } from './data/heads';
import { TokenTable, sequencesFrom } from './data/tokens';
import { restoreView, type RestoreTarget } from './restore';
import { colorModes } from './render/coloring';
import { Renderer, type Pick } from './render/deck';
import { fitCell, fitMatrix, makeGrid, stepHead } from './render/grid';
import type { Actions } from './state/actions';
import { clickAction } from './state/click';
import { EMPTY_SESSION, createStore, focusIndex, headOf, selectionOf, urlState, type AppModel, type AppStore, type Changed } from './state/store';
import { DEFAULT_STATE, bindUrl, encodeState, pageHash, stateFromHash, type AppState } from './state/urlstate';
import { handleKey } from './ui/keys';
import { renderSide } from './ui/side';
import { buildStage, setStatus, type Stage } from './ui/stage';
import { layoutChoices } from './ui/layout-picker';
import { saveButtons } from './ui/save';
import { Toolbar } from './ui/toolbar';
import { hideTooltip, showTooltip } from './ui/tooltip';
import { HeadView } from './views/head';
import { ImageView } from './views/image';
import { MatrixView, POINT_BUDGET } from './views/matrix';
import { SequenceView } from './views/sequence';
import { anyChanged, type View, type ViewContext } from './views/view';
import { Watch } from './watch';

export interface AppOptions {
  /** points drawn in the matrix before level-of-detail sampling */
  budget?: number;
  /** ms between polls of an atlas that is changing (a layout being computed); default 3000, or ?poll=N */
  pollMs?: number;
  /** keep the page's URL hash in sync with the state (off for embedded uses such as a notebook widget) */
  url?: boolean;
  /** inside someone else's page (a notebook widget): keys only while the explorer has focus, the theme
   * class on `root` rather than the page's body, and the size follows `root` */
  embedded?: boolean;
}

/** Keys whose change changes what the Deck draws. */
const DRAWN: (keyof AppModel)[] = ['theme', 'tint', 'heads', 'grid', 'found', 'foundMask', 'thumbs', 'view', 'layer', 'head', 'token', 'role', 'sort'];
/** Keys whose change changes the side panel. */
const PANEL: (keyof AppModel)[] = ['info', 'tokens', 'heads', 'headsError', 'view', 'layer', 'head', 'token', 'role', 'color', 'tint', 'theme', 'layout'];

export class App implements Actions, RestoreTarget {
  readonly store: AppStore;
  readonly debug: DebugState;
  private dom: Stage;
  private toolbar: Toolbar;
  private renderer: Renderer;
  private watch: Watch;
  private atlas: AtlasSource | null = null;
  private matrix: MatrixView | null = null;
  private head: HeadView | null = null;
  private overlay: { kind: 'sequence' | 'image'; view: View } | null = null;
  private atlasGen = 0;
  private layoutGen = 0;
  private panelQueued = false;
  /** the colour modes of the current atlas */
  private colorIds = new Set<string>();
  /** where the theme class goes: the page's body, or the root of an embedded explorer */
  private themed: HTMLElement;

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
    const d = this.dom;
    this.toolbar.el.append(saveButtons({ renderer: this.renderer, stage: d.stage, under: d.under, over: d.over, overlay: d.overlay, store: this.store }));
    installDebug(this.debug, {
      view: () => this.store.get().view,
      state: () => urlState(this.store.get()),
      transitioning: () => this.renderer.transitioning,
      mode3d: () => this.renderer.mode3d,
      cells: () => this.matrix?.cellRects() ?? [],
      heap: jsHeap,
      pointScreen: (layer, head, row, role) => this.pointScreen(layer, head, row, role),
      focusHead: (layer, head) => this.focusHead(layer * (this.store.get().info?.n_heads ?? 0) + head),
      frameTime: () => this.renderer.frameTime(),
      select: (row, role = 'query') => this.selectToken(row, role),
    });
    this.store.subscribe((s, changed) => this.onChange(s, changed));
    const poll = opts.pollMs ?? (Number(new URLSearchParams(location.search).get('poll')) || 3000);
    this.watch = new Watch(source, { atlas: () => this.atlas, info: (i) => this.onInfoPolled(i), atlases: (l) => this.onAtlasesPolled(l) }, this.debug, poll);
    if (url) {
      bindUrl(this.store, pageHash(), (hash) => (this.debug.hash = hash));
      window.addEventListener('hashchange', () => void this.onHashChange());
    }
    this.themed = opts.embedded ? root : document.body;
    this.themed.classList.toggle('light', this.store.get().theme === 'light');
    (opts.embedded ? root : window).addEventListener('keydown', (e) => handleKey(e as KeyboardEvent, this.store.get(), this));
    if (opts.embedded) new ResizeObserver(() => this.onResize()).observe(root);
    else window.addEventListener('resize', () => this.onResize());
    new ResizeObserver(() => this.onResize()).observe(this.dom.stage); // e.g. the top bar wrapping to two lines
  }

  // ---- store -> views -------------------------------------------------------------------------
  private onChange(s: Readonly<AppModel>, changed: Changed<AppModel>): void {
    this.toolbar.sync(s, changed);
    if (changed.has('theme')) this.themed.classList.toggle('light', s.theme === 'light');
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
      this.watch.watchList(atlases);
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
    this.watch.follow(info);
    // no complete layout yet: show one being computed (the heads done so far)
    const growing = layoutDone ? undefined : layoutChoices(info).find((p) => !p.complete && p.heads_done > 0);
    if (growing) {
      this.store.set({ layout: growing.name });
      layoutDone = matrix.load(growing, info, ready, { partial: true });
    }
    const grid = layoutDone ? makeGrid(info.n_layers, info.n_heads) : null;
    this.store.set({ info, tokens, seqs: sequencesFrom(seqTable), atlas: id, color, grid });
    void this.loadHeads(gen);
    this.status('');
    if (!layoutDone) {
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

  /** Show layout `name` (one being computed too: the heads done so far, filled in as they finish). */
  async switchLayout(name: string): Promise<void> {
    const s = this.store.get(), info = s.info, matrix = this.matrix;
    const layout = info ? layoutChoices(info).find((l) => l.name === name && l.heads_done > 0) : undefined;
    if (!info || !matrix || !layout) return;
    const gen = ++this.layoutGen;
    const view = s.view, index = focusIndex(s);
    this.head?.reset();
    this.debug.renderedAt = null;
    this.debug.ready = false;
    this.store.set({ layout: name });
    const ok = await matrix.load(layout, info, Promise.resolve(), { partial: !layout.complete });
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

  // ---- the server changed ----------------------------------------------------------------------
  /** A poll saw the atlas change: layouts progressed or completed, analysis appeared. */
  private onInfoPolled(info: AtlasInfo): void {
    const s = this.store.get(), old = s.info;
    if (!old || info.id !== old.id || info.n_tokens !== old.n_tokens) return; // tokens changed: reload to see them
    this.store.set({ info });
    this.toolbar.setLayouts(info);
    const cur = info.layout_progress.find((p) => p.name === s.layout);
    if (cur) void this.matrix?.refresh(cur.complete);
    if (info.analysis && !old.analysis) void this.loadHeads(this.atlasGen);
  }

  private onAtlasesPolled(list: AtlasSummary[]): void {
    this.store.set({ atlases: list });
    this.toolbar.setAtlases(list);
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
  private restoreView(want: AppState): Promise<void> {
    return restoreView(this, want);
  }

  hasColor(id: string): boolean {
    return this.colorIds.has(id);
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
    const a = clickAction(this.store.get(), p, this.renderer.mode3d ? undefined : coordinate), tok = this.store.get().tokens;
    if (a?.kind === 'select') return this.selectToken(a.row, a.role);
    if (a?.token && tok) {
      this.store.set({ token: a.token.row, role: a.token.role });
      this.debug.selected = { token: a.token.row, role: a.token.role, seq: tok.seq(a.token.row), text: tok.token(a.token.row) };
    }
    if (a) await this.focusHead(a.index);
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
