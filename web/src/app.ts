// The explorer app: one deck.gl Deck (ONE WebGL context) draws the matrix of every head. Each
// model layer's heads are one ScatterplotLayer whose positions are already offset into their
// grid cells, so the whole matrix is a handful of draw calls whatever the number of heads.
// Zooming into a head is a view-state transition of the same orthographic view; 3-D layouts
// switch that one Deck to an orbit view for the focused head.
import { COORDINATE_SYSTEM, Deck, LinearInterpolator, OrbitView, OrthographicView } from '@deck.gl/core';
import { IconLayer, LineLayer, ScatterplotLayer } from '@deck.gl/layers';

import { ApiError, getJSON, getMessage, qs } from './api';
import { colorModes, legendFor, normColors, tokenColors } from './coloring';
import { RAMPS, ROLE_COLORS, categorical, extent, hexToRgb, rampColor, rgbToCss, scale01, type RGB } from './colors';
import {
  CELL, PAD, cellAt, fitBox, gridSize, gridSlots, localPositions, positions3d, project, type OrthoViewState, type Slot,
} from './grid';
import { PointsLayer } from './points-layer';
import { placeLabels, topWeights, type LabelCandidate } from './labels';
import { ImageView } from './imageview';
import { SequenceView } from './sequence';
import { TokenTable, sequencesFrom, showToken, type Sequences } from './tokens';
import { DEFAULT_STATE, encodeState, stateFromHash, type AppState, type Role } from './urlstate';

export const POINT_BUDGET = 1_500_000; // points drawn in the matrix before level-of-detail sampling
const RADIUS = 0.0032; // point radius in cell units
const FETCH_CONCURRENCY = 4;

export interface AtlasInfo {
  id: string;
  name: string;
  model: any;
  corpus: any;
  kind: string;
  image: boolean;
  causal: boolean;
  n_layers: number;
  n_heads: number;
  n_kv_heads: number;
  n_tokens: number;
  n_sequences: number;
  layouts: { name: string; method: string; dim: number }[];
  token_columns: string[];
  metadata_columns: string[];
  thumbnails: { tile: number; columns: number; count: number; url: string } | null;
  images: boolean;
}

export interface HeadTable {
  n: number;
  columns: string[];
  data: Record<string, any[]>;
  metrics: string[];
  labels: string[];
  has_map: boolean;
  label_colors?: Record<string, string>;
  label_descriptions?: Record<string, string>;
}

interface Chunk {
  layer: number;
  heads: number[]; // head indices (layer * nHeads + head)
  m: number; // points per role per head
  dim: number;
  coords: Uint16Array;
  bounds: Float32Array;
  local: Float32Array; // normalised [0,1]^2 per point
  positions: Float32Array; // world, offset into the cells
  colors: Uint8Array;
  radii: Float32Array | null;
  norms: Uint8Array | null;
  data: any;
  version: number;
}

interface Focus {
  index: number;
  n: number;
  local: Float32Array; // 2n points, [0,1]^2
  pos3d: Float32Array | null; // 2n points, unit cube
}

interface Selection {
  row: number;
  role: Role;
  seq: number;
  start: number;
  n: number;
  index: number; // head the weights belong to
  weights: Float32Array | null;
  error?: string;
}

interface Debug {
  [k: string]: any;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, any> = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'style') e.style.cssText = v;
    else if (k.startsWith('on')) (e as any)[k] = v;
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null) e.append(c);
  return e;
}

function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

export class App {
  state: AppState;
  atlases: AtlasInfo[] = [];
  info: AtlasInfo | null = null;
  tokens: TokenTable | null = null;
  seqs: Sequences | null = null;
  heads: HeadTable | null = null;
  headsError = '';
  chunks: (Chunk | null)[] = [];
  sampleRows: Uint32Array | null = null;
  sampleIndex: Int32Array | null = null;
  m = 0;
  dim = 2;
  slots: Slot[] = [];
  slotOf: Int32Array = new Int32Array(0);
  nCols = 1;
  nRows = 1;
  focus: Focus | null = null;
  selection: Selection | null = null;
  searchRows: Uint32Array | null = null;
  searchMask: Uint8Array | null = null;
  baseColors: Uint8Array | null = null;
  mode3d = false;
  deck: any;
  vs: any = { target: [0, 0, 0], zoom: 0 };
  generation = 0;
  labelTimer = 0;
  placed: any[] = [];
  similar: { layer: number; head: number; score: number | null }[] | null = null;
  similarError = '';
  layoutBytes = 0;
  dbg: Debug;
  seqView: SequenceView;
  imgView: ImageView;
  ui: Record<string, any> = {};
  lastCellPx = 0;

  constructor(root: HTMLElement) {
    this.state = stateFromHash(location.hash);
    this.dbg = {
      version: 1, ready: false, renderedAt: null, renderCount: 0, view: 'matrix', search: null, lines: 0,
      selected: null, transitioning: false, errors: [] as string[], timings: {} as Record<string, number>,
      sequence: null, image: null, headmap: null, similar: null, bytes: null, labels: 0, mode3d: false,
    };
    const app = this;
    Object.defineProperty(this.dbg, 'cells', { get: () => app.cellRects(), enumerable: true });
    Object.defineProperty(this.dbg, 'state', { get: () => ({ ...app.state }), enumerable: true });
    this.dbg.pointScreen = (layer: number, head: number, row: number, role: Role) => app.pointScreen(layer, head, row, role);
    this.dbg.focusHead = (layer: number, head: number) => app.focusHead(layer * (app.info?.n_heads ?? 0) + head);
    this.dbg.frameTime = () => {
      const gl = (app.deck as any).device?.gl as WebGL2RenderingContext;
      const t = performance.now();
      app.deck.redraw('benchmark');
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      return performance.now() - t;
    };
    this.dbg.select = (row: number, role: Role = 'query') => app.selectToken(row, role);
    (window as any).__qkatlas = this.dbg;
    this.buildDom(root);
    this.seqView = new SequenceView(this, this.ui.overlay);
    this.imgView = new ImageView(this, this.ui.overlay);
    this.applyTheme();
    this.initDeck();
    window.addEventListener('keydown', (e) => this.onKey(e));
    window.addEventListener('hashchange', () => this.onHashChange());
    window.addEventListener('resize', () => this.onResize());
  }

  // ---- DOM ----------------------------------------------------------------------------------
  buildDom(root: HTMLElement): void {
    const u = this.ui;
    u.atlas = el('select', { id: 'atlas', title: 'atlas', onchange: () => this.switchAtlas(u.atlas.value) });
    u.layout = el('select', { id: 'layout', title: 'layout', onchange: () => this.switchLayout(u.layout.value) });
    u.color = el('select', { id: 'color', title: 'colour by', onchange: () => this.setColor(u.color.value) });
    u.size = el('input', { type: 'checkbox', id: 'size', onchange: () => this.setSize(u.size.checked) });
    u.thumbs = el('input', { type: 'checkbox', id: 'thumbs', onchange: () => { this.state.thumbs = u.thumbs.checked; this.pushState(); this.render(); } });
    u.thumbsWrap = el('label', { title: 'draw image patches as thumbnails in the single-head view' }, u.thumbs, ' thumbnails');
    u.tint = el('select', { id: 'tint', title: 'tint cells by a head metric or label', onchange: () => { this.state.tint = u.tint.value; this.pushState(); this.render(); this.renderSide(); } });
    u.sort = el('select', { id: 'sort', title: 'order of the heads in the matrix', onchange: () => this.setSort(u.sort.value) });
    u.search = el('input', { id: 'search', type: 'search', placeholder: 'search a token\u2026', title: 'exact token (case-insensitive) or, with regex, a pattern' });
    u.regex = el('input', { type: 'checkbox', id: 'regex', onchange: () => this.runSearch() });
    u.count = el('span', { id: 'search-count' });
    u.theme = el('button', { id: 'theme', title: 'dark / light theme', onclick: () => { this.state.theme = this.state.theme === 'dark' ? 'light' : 'dark'; this.applyTheme(); this.pushState(); } });
    let timer = 0;
    u.search.addEventListener('input', () => { clearTimeout(timer); timer = window.setTimeout(() => this.runSearch(), 250); });
    u.search.addEventListener('keydown', (e: KeyboardEvent) => { if (e.key === 'Enter') { clearTimeout(timer); this.runSearch(); } });
    const bar = el('header', { id: 'bar' },
      el('span', { class: 'brand' }, 'qkatlas'),
      el('label', {}, 'atlas ', u.atlas),
      el('label', {}, 'layout ', u.layout),
      el('label', {}, 'colour ', u.color),
      el('label', { title: 'point size by vector norm' }, u.size, ' size by norm'),
      u.thumbsWrap,
      el('label', {}, 'cells ', u.tint),
      el('label', {}, 'sort ', u.sort),
      el('span', { class: 'searchbox' }, u.search, ' ', el('label', {}, u.regex, ' regex'), ' ', u.count),
      el('span', { class: 'grow' }),
      u.theme,
    );
    u.canvas = el('canvas', { id: 'deck' });
    u.bg = el('canvas', { id: 'cells-canvas', class: 'overlay-canvas' });
    u.fg = el('canvas', { id: 'labels-canvas', class: 'overlay-canvas' });
    u.tooltip = el('div', { id: 'tooltip' });
    u.status = el('div', { id: 'status' }, 'loading\u2026');
    u.progress = el('div', { id: 'progress', style: 'width:0' });
    u.navTitle = el('span', { class: 'title' });
    const nb = (label: string, title: string, fn: () => void, id?: string) => el('button', { title, onclick: fn, id }, label);
    u.nav = el('div', { id: 'nav' },
      nb('\u2190 matrix', 'back to the matrix (Esc)', () => this.backToMatrix(), 'back'),
      nb('\u25c0', 'previous head (\u2190)', () => this.step(0, -1), 'prev-head'),
      nb('\u25b6', 'next head (\u2192)', () => this.step(0, 1), 'next-head'),
      nb('\u25b2', 'previous layer (\u2191)', () => this.step(-1, 0), 'prev-layer'),
      nb('\u25bc', 'next layer (\u2193)', () => this.step(1, 0), 'next-layer'),
      u.navTitle,
    );
    u.overlay = el('section', { id: 'overlay' });
    const stage = el('div', { id: 'stage' }, u.bg, u.canvas, u.fg, u.progress, u.nav, u.status, u.tooltip, u.overlay);
    u.side = el('aside', { id: 'side' });
    u.stage = stage;
    root.append(bar, el('main', {}, stage, u.side));
  }

  applyTheme(): void {
    document.body.classList.toggle('light', this.state.theme === 'light');
    this.ui.theme.textContent = this.state.theme === 'dark' ? '\u263e dark' : '\u2600 light';
    this.render();
    this.renderSide();
    if (this.state.view === 'sequence') this.seqView.draw();
    if (this.state.view === 'image') this.imgView.draw();
  }

  themeColors() {
    const light = this.state.theme === 'light';
    return {
      cell: (light ? [255, 255, 255, 255] : [27, 31, 38, 255]) as number[],
      cellLine: (light ? [214, 214, 208, 255] : [44, 50, 60, 255]) as number[],
      text: (light ? [30, 32, 36, 255] : [227, 230, 234, 255]) as number[],
      muted: (light ? [110, 116, 124, 255] : [140, 150, 163, 255]) as number[],
      labelBg: (light ? [255, 255, 255, 215] : [16, 19, 23, 215]) as number[],
      accent: (light ? [10, 111, 194, 255] : [79, 179, 255, 255]) as number[],
      ring: (light ? [20, 20, 20, 255] : [255, 255, 255, 255]) as number[],
    };
  }

  setStatus(text: string, error = false): void {
    this.ui.status.textContent = text;
    this.ui.status.className = error ? 'error' : '';
    this.ui.status.style.display = text ? 'block' : 'none';
    if (error) this.dbg.errors.push(text);
  }

  // ---- deck ---------------------------------------------------------------------------------
  initDeck(): void {
    this.deck = new Deck({
      canvas: this.ui.canvas,
      width: '100%',
      height: '100%',
      views: [new OrthographicView({ id: 'ortho', controller: { doubleClickZoom: false, inertia: false } as any })],
      initialViewState: this.vs,
      layers: [],
      pickingRadius: 3,
      deviceProps: { type: 'webgl', webgl: { preserveDrawingBuffer: true, antialias: false } } as any,
      onViewStateChange: ({ viewState }: any) => this.onViewState(viewState),
      onHover: (info: any) => this.onHover(info),
      onClick: (info: any) => this.onClick(info),
      onBeforeRender: () => { this.frameStart = performance.now(); },
      onAfterRender: () => this.onAfterRender(),
      onError: (err: Error) => { this.dbg.errors.push(String(err)); console.error(err); },
      getCursor: ({ isHovering, isDragging }: any) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'default'),
    } as any);
  }

  size(): [number, number] {
    const r = this.ui.stage.getBoundingClientRect();
    return [Math.max(1, r.width), Math.max(1, r.height)];
  }

  setViewState(vs: any, duration = 0, onEnd?: () => void): void {
    const full: any = { ...vs };
    if (duration > 0) {
      full.transitionDuration = duration;
      full.transitionInterpolator = new LinearInterpolator(this.mode3d ? ['target', 'zoom', 'rotationX', 'rotationOrbit'] : ['target', 'zoom']);
      this.dbg.transitioning = true;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.dbg.transitioning = false;
        onEnd?.();
      };
      full.onTransitionEnd = finish;
      full.onTransitionInterrupt = finish;
      window.setTimeout(finish, duration + 400);
    }
    this.vs = { ...vs };
    this.deck.setProps({ initialViewState: full });
    if (duration <= 0) onEnd?.();
  }

  onViewState(vs: any): void {
    this.vs = vs;
    if (this.state.view !== 'matrix' || this.selection || this.searchRows) this.scheduleLabels();
    this.ui.tooltip.style.display = 'none';
  }

  fitMatrix(duration = 0, onEnd?: () => void): void {
    const [w, h] = this.size();
    const [gw, gh] = gridSize(this.nRows, this.nCols);
    const vs = fitBox(-0.35, -0.3, gw + 0.35, gh + 0.3, w, h, 0.96);
    this.setViewState({ ...vs, minZoom: -4, maxZoom: 16 }, duration, onEnd);
  }

  fitCell(index: number): OrthoViewState {
    const s = this.slots[this.slotOf[index]];
    const [w, h] = this.size();
    return fitBox(s.x, s.y, CELL, CELL, w, h, 0.92);
  }

  onResize(): void {
    if (!this.info) return;
    if (this.mode3d) return;
    if (this.state.view === 'matrix') this.fitMatrix();
    else this.setViewState({ ...this.fitCell(this.focusIndex()), minZoom: -4, maxZoom: 16 });
  }

  // ---- loading ------------------------------------------------------------------------------
  async start(): Promise<void> {
    try {
      const t0 = performance.now();
      const res = await getJSON<{ atlases: AtlasInfo[] }>('/api/atlases');
      this.dbg.timings.atlases = performance.now() - t0;
      this.atlases = res.atlases;
      if (!this.atlases.length) {
        this.setStatus('No atlases are served. Start the server with `qkatlas serve ATLAS_DIR`.', true);
        return;
      }
      this.ui.atlas.replaceChildren(...this.atlases.map((a) => option(a.id, `${a.name} (${a.n_layers}\u00d7${a.n_heads})`)));
      const id = this.atlases.some((a) => a.id === this.state.atlas) ? this.state.atlas! : this.atlases[0].id;
      await this.loadAtlas(id, true);
    } catch (e) {
      this.setStatus(`Could not load: ${(e as Error).message}`, true);
    }
  }

  async switchAtlas(id: string): Promise<void> {
    const keep = { theme: this.state.theme };
    this.state = { ...DEFAULT_STATE, ...keep, atlas: id };
    this.ui.search.value = '';
    this.ui.regex.checked = false;
    await this.loadAtlas(id, false);
  }

  async loadAtlas(id: string, restore: boolean): Promise<void> {
    const gen = ++this.generation;
    const t0 = performance.now();
    const wanted = restore ? { ...this.state } : null;
    this.dbg.ready = false;
    this.dbg.renderedAt = null;
    this.setStatus('loading atlas\u2026');
    this.closeOverlay(false);
    this.chunks = [];
    this.focus = null;
    this.selection = null;
    this.searchRows = null;
    this.searchMask = null;
    this.heads = null;
    this.similar = null;
    this.mode3d = false;
    this.deck.setProps({ views: [new OrthographicView({ id: 'ortho', controller: { doubleClickZoom: false, inertia: false } as any })] });
    this.render();
    const base = `/api/atlas/${encodeURIComponent(id)}`;
    const meta = Promise.all([getJSON<AtlasInfo>(base), getMessage(`${base}/tokens`), getJSON(`${base}/sequences`)]);
    // the atlases list already says which layouts exist: start fetching the matrix right away
    const summary = this.atlases.find((a) => a.id === id)!;
    const chosen = summary.layouts.find((l) => l.name === this.state.layout) ?? summary.layouts.find((l) => l.dim === 2) ?? summary.layouts[0];
    let layoutDone: Promise<void> | null = null;
    if (chosen) {
      this.state.layout = chosen.name;
      layoutDone = this.loadLayout(gen, summary, meta);
    }
    const [info, tokMsg, seqJson] = await meta;
    if (gen !== this.generation) return;
    this.dbg.timings.meta = performance.now() - t0;
    this.info = info;
    this.tokens = new TokenTable(tokMsg);
    this.seqs = sequencesFrom(seqJson);
    this.state.atlas = id;
    this.ui.atlas.value = id;
    // head metrics: optional, not waited for
    this.loadHeads(gen);
    // controls
    const modes = colorModes(this.tokens, info.image, info.metadata_columns ?? []);
    this.ui.color.replaceChildren(...modes.map((m) => option(m.id, m.label)));
    if (!modes.some((m) => m.id === this.state.color)) this.state.color = 'role';
    this.ui.color.value = this.state.color;
    this.ui.size.checked = this.state.size;
    this.ui.thumbsWrap.style.display = info.thumbnails ? '' : 'none';
    this.ui.thumbs.checked = this.state.thumbs;
    this.ui.search.value = this.state.search;
    this.ui.regex.checked = this.state.regex;
    this.ui.layout.replaceChildren(...info.layouts.map((l) => option(l.name, `${l.method.toUpperCase() === 'TSNE' ? 't-SNE' : l.method.toUpperCase()} ${l.dim}-D`)));
    this.fillMetricSelects();
    this.setStatus('');
    if (!info.layouts.length || !layoutDone) {
      this.setStatus(`Atlas ${info.name} has no layouts yet: compute them with \`qkatlas layout ${info.id}\`.`, true);
      this.renderSide();
      return;
    }
    this.ui.layout.value = this.state.layout!;
    this.setupGrid();
    this.fitMatrix();
    this.renderSide();
    await layoutDone;
    if (gen !== this.generation) return;
    if (this.state.search) this.runSearch();
    if (wanted) await this.restoreView(wanted);
    this.pushState();
  }

  async loadHeads(gen: number): Promise<void> {
    try {
      const h = await getJSON<HeadTable>(`/api/atlas/${encodeURIComponent(this.info!.id)}/heads`);
      if (gen !== this.generation) return;
      this.heads = h;
      this.headsError = '';
      this.fillMetricSelects();
      if (this.state.sort !== 'layer') this.setSort(this.state.sort, false);
      this.render();
      if (this.state.view !== 'matrix') this.loadSimilar(this.focusIndex());
    } catch (e) {
      if (gen !== this.generation) return;
      this.heads = null;
      this.headsError = (e as Error).message;
    }
    this.renderSide();
  }

  fillMetricSelects(): void {
    const h = this.heads;
    const tint = [option('none', 'plain'), ...(h ? [option('label', 'by label'), ...h.metrics.map((m) => option(`metric:${m}`, `by ${m}`))] : [])];
    const sort = [option('layer', 'layer, head'), ...(h ? [option('label', 'by label'), ...h.metrics.map((m) => option(`metric:${m}`, `by ${m} \u2193`))] : [])];
    this.ui.tint.replaceChildren(...tint);
    this.ui.sort.replaceChildren(...sort);
    this.ui.tint.disabled = !h;
    this.ui.sort.disabled = !h;
    this.ui.tint.title = h ? 'tint cells by a head metric or label' : `head metrics unavailable: ${this.headsError || 'loading'}`;
    const valid = (v: string) => v === 'none' || v === 'layer' || (h && (v === 'label' || h.metrics.includes(v.slice(7))));
    if (!valid(this.state.tint)) this.state.tint = h || this.heads === null && !this.headsError ? this.state.tint : 'none';
    this.ui.tint.value = valid(this.state.tint) ? this.state.tint : 'none';
    this.ui.sort.value = valid(this.state.sort) ? this.state.sort : 'layer';
  }

  setupGrid(): void {
    const info = this.info!;
    const total = info.n_layers * info.n_heads;
    this.nCols = info.n_heads;
    this.nRows = Math.ceil(total / this.nCols);
    this.slots = gridSlots(info.n_layers, info.n_heads, this.headOrder(), this.nCols);
    this.slotOf = new Int32Array(total);
    this.slots.forEach((s, i) => (this.slotOf[s.index] = i));
  }

  headOrder(): number[] | undefined {
    const info = this.info!, h = this.heads, sort = this.state.sort;
    if (!h || sort === 'layer') return undefined;
    const idx = (i: number) => Number(h.data.layer[i]) * info.n_heads + Number(h.data.head[i]);
    const rows = Array.from({ length: h.n }, (_, i) => i);
    if (sort === 'label') {
      const order = h.labels;
      rows.sort((a, b) => order.indexOf(String(h.data.label[a])) - order.indexOf(String(h.data.label[b])) || idx(a) - idx(b));
    } else if (sort.startsWith('metric:')) {
      const col = h.data[sort.slice(7)];
      if (!col) return undefined;
      const v = (i: number) => (col[i] === null || !Number.isFinite(col[i]) ? -Infinity : col[i]);
      rows.sort((a, b) => v(b) - v(a) || idx(a) - idx(b));
    }
    const order = rows.map(idx);
    const seen = new Set(order);
    for (let i = 0; i < info.n_layers * info.n_heads; i++) if (!seen.has(i)) order.push(i);
    return order;
  }

  setSort(sort: string, push = true): void {
    this.state.sort = sort;
    this.ui.sort.value = sort;
    if (!this.info) return;
    this.setupGrid();
    for (const c of this.chunks) if (c) this.placeChunk(c);
    if (this.state.view === 'matrix') this.fitMatrix(0);
    else if (!this.mode3d) this.setViewState({ ...this.fitCell(this.focusIndex()), minZoom: -4, maxZoom: 16 });
    this.render();
    if (push) this.pushState();
  }

  /**
   * Fetch the matrix data of the current layout (one request per model layer, a few at a time)
   * and build the point layers. Requests start at once; chunks are built when `ready` (the token
   * table and atlas info) has arrived. Frames are drawn as data streams in only when loading is
   * slow (big atlases): every frame redraws every point, which costs on software GL.
   */
  async loadLayout(gen: number, desc: AtlasInfo, ready: Promise<unknown> = Promise.resolve()): Promise<void> {
    const layout = desc.layouts.find((l) => l.name === this.state.layout)!;
    const t0 = performance.now();
    this.dim = layout.dim;
    const total = desc.n_layers * desc.n_heads;
    const n = desc.n_tokens;
    const budget = Number(new URLSearchParams(location.search).get('budget')) || POINT_BUDGET;
    const m = Math.min(n, Math.max(16, Math.floor(budget / (2 * total))));
    this.m = m;
    this.sampleRows = null;
    this.sampleIndex = null;
    const base = `/api/atlas/${encodeURIComponent(desc.id)}`;
    if (m < n) {
      const s = await getMessage(`${base}/sample${qs({ size: m })}`);
      if (gen !== this.generation) return;
      this.sampleRows = s.arrays.rows.data as Uint32Array;
      this.sampleIndex = new Int32Array(n).fill(-1);
      this.sampleRows.forEach((r, i) => (this.sampleIndex![r] = i));
    }
    this.baseColors = null;
    this.chunks = new Array(desc.n_layers).fill(null);
    let bytes = 0, done = 0;
    this.ui.progress.style.width = '0';
    const queue = Array.from({ length: desc.n_layers }, (_, i) => i);
    const worker = async () => {
      while (queue.length) {
        const layer = queue.shift()!;
        const url = `${base}/layout/${encodeURIComponent(layout.name)}${qs({ layer, sample: m < n ? m : null })}`;
        const msg = await getMessage(url);
        if (gen !== this.generation) return;
        bytes += msg.bytes;
        await ready;
        if (gen !== this.generation) return;
        const chunk = this.makeChunk(layer, msg);
        if (this.state.color === 'norm' || this.state.size) await this.loadNorms(chunk, gen);
        if (gen !== this.generation) return;
        this.chunks[layer] = chunk;
        done++;
        this.ui.progress.style.width = `${(100 * done) / desc.n_layers}%`;
        if (performance.now() - t0 > 1200 && done < desc.n_layers) this.renderSoon(500);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, desc.n_layers) }, worker));
    } catch (e) {
      if (gen === this.generation) this.setStatus(`Could not load the layout: ${(e as Error).message}`, true);
      return;
    }
    if (gen !== this.generation) return;
    this.ui.progress.style.width = '0';
    this.layoutBytes = bytes;
    const points = total * 2 * m;
    this.dbg.bytes = { layout: bytes, points, perPoint: bytes / points, sample: m < n ? m : null };
    this.dbg.timings.layout = performance.now() - t0;
    this.completePending = gen;
    this.render();
  }

  completePending = 0;

  frameStart = 0;
  onAfterRender(): void {
    this.dbg.renderCount++;
    this.drawOverlays();
    const frames = (this.dbg.frames ??= []);
    frames.push([Math.round(this.frameStart), Math.round(performance.now() - this.frameStart)]);
    if (frames.length > 50) frames.shift();
    if (this.completePending && this.completePending === this.generation && this.chunks.every((c) => c)) {
      // make sure the GPU has drawn it (SwiftShader / real GPU), then signal "matrix complete"
      try {
        const gl = (this.deck as any).device?.gl as WebGL2RenderingContext | undefined;
        if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      } catch { /* ignore */ }
      this.completePending = 0;
      this.dbg.renderedAt = performance.now();
      this.dbg.ready = true;
      window.dispatchEvent(new CustomEvent('qkatlas:matrix-complete', { detail: { renderedAt: this.dbg.renderedAt } }));
    }
  }

  makeChunk(layer: number, msg: any): Chunk {
    const info = this.info!;
    const coords = msg.arrays.coords.data as Uint16Array;
    const bounds = msg.arrays.bounds.data as Float32Array;
    const [H, P, dim] = msg.arrays.coords.shape as number[];
    const m = P / 2;
    const local = new Float32Array(H * P * 2);
    for (let h = 0; h < H; h++) localPositions(coords, h * P, P, dim, bounds.subarray(h * dim * 2, (h + 1) * dim * 2), local, h * P * 2);
    const heads = (msg.meta.heads as [number, number][]).map(([l, h]) => l * info.n_heads + h);
    const chunk: Chunk = {
      layer, heads, m, dim, coords, bounds, local,
      positions: new Float32Array(H * P * 2), colors: new Uint8Array(H * P * 4), radii: null, norms: null, data: null, version: 0,
    };
    this.placeChunk(chunk, false);
    this.colorChunk(chunk, false);
    this.sizeChunk(chunk, false);
    this.updateData(chunk);
    return chunk;
  }

  /** World positions of a chunk's points from their cells (after a sort or a load). */
  placeChunk(c: Chunk, update = true): void {
    const P = 2 * c.m, inner = CELL - 2 * PAD;
    for (let h = 0; h < c.heads.length; h++) {
      const s = this.slots[this.slotOf[c.heads[h]]];
      const ox = s.x + PAD, oy = s.y + PAD;
      const o = h * P * 2;
      for (let i = 0; i < P; i++) {
        c.positions[o + i * 2] = ox + c.local[o + i * 2] * inner;
        c.positions[o + i * 2 + 1] = oy + (1 - c.local[o + i * 2 + 1]) * inner;
      }
    }
    if (update) this.updateData(c);
  }

  colorChunk(c: Chunk, update = true): void {
    const P = 2 * c.m;
    if (this.state.color === 'norm') {
      if (!c.norms) {
        c.colors.fill(160);
      } else {
        for (let h = 0; h < c.heads.length; h++) normColors(c.norms.subarray(h * P, (h + 1) * P), c.colors, h * P);
        this.applySearchDim(c.colors, c.heads.length, P);
      }
    } else {
      if (!this.baseColors) {
        const base = tokenColors(this.state.color, this.tokens!, this.sampleRows)!;
        this.applySearchDim(base, 1, P);
        this.baseColors = base;
      }
      for (let h = 0; h < c.heads.length; h++) c.colors.set(this.baseColors, h * P * 4);
    }
    if (update) this.updateData(c);
  }

  applySearchDim(colors: Uint8Array, nHeads: number, P: number): void {
    const mask = this.searchMask;
    if (!mask) return;
    const m = P / 2;
    const rows = this.sampleRows;
    for (let h = 0; h < nHeads; h++) {
      for (let i = 0; i < P; i++) {
        const r = rows ? rows[i % m] : i % m;
        if (!mask[r]) colors[(h * P + i) * 4 + 3] = 22;
        else colors[(h * P + i) * 4 + 3] = 255;
      }
    }
  }

  sizeChunk(c: Chunk, update = true): void {
    if (!this.state.size || !c.norms) {
      c.radii = null;
    } else {
      const r = new Float32Array(c.norms.length);
      for (let i = 0; i < r.length; i++) r[i] = RADIUS * (0.3 + (1.6 * c.norms[i]) / 255);
      c.radii = r;
    }
    if (update) this.updateData(c);
  }

  updateData(c: Chunk): void {
    c.version++;
    const attributes: any = {
      getPosition: { value: c.positions, size: 2 },
      getFillColor: { value: c.colors, size: 4, normalized: true },
    };
    if (c.radii) attributes.getRadius = { value: c.radii, size: 1 };
    c.data = { length: c.positions.length / 2, attributes };
  }

  async loadNorms(c: Chunk, gen: number): Promise<void> {
    const info = this.info!;
    const sample = this.sampleRows ? this.m : null;
    const msg = await getMessage(`/api/atlas/${encodeURIComponent(info.id)}/norms${qs({ layer: c.layer, sample })}`);
    if (gen !== this.generation) return;
    c.norms = msg.arrays.norms.data as Uint8Array;
  }

  async ensureNorms(): Promise<void> {
    const gen = this.generation;
    await Promise.all(this.chunks.map((c) => (c && !c.norms ? this.loadNorms(c, gen) : null)));
  }

  async switchLayout(name: string): Promise<void> {
    this.state.layout = name;
    const gen = ++this.generation;
    const view = this.state.view, index = this.focusIndex();
    if (this.mode3d) this.leave3d();
    this.focus = null;
    this.dbg.renderedAt = null;
    this.dbg.ready = false;
    await this.loadLayout(gen, this.info!);
    if (gen !== this.generation) return;
    if (this.searchRows) this.render();
    if (view !== 'matrix') await this.focusHead(index, false);
    this.pushState();
  }

  async setColor(mode: string): Promise<void> {
    this.state.color = mode;
    this.baseColors = null;
    if (mode === 'norm') await this.ensureNorms();
    for (const c of this.chunks) if (c) this.colorChunk(c);
    this.render();
    this.renderSide();
    this.pushState();
  }

  async setSize(on: boolean): Promise<void> {
    this.state.size = on;
    if (on) await this.ensureNorms();
    for (const c of this.chunks) if (c) this.sizeChunk(c);
    this.render();
    this.pushState();
  }

  recolorAll(): void {
    this.baseColors = null;
    for (const c of this.chunks) if (c) this.colorChunk(c);
  }

  // ---- search -------------------------------------------------------------------------------
  async runSearch(): Promise<void> {
    const q = this.ui.search.value;
    const regex = this.ui.regex.checked;
    this.state.search = q;
    this.state.regex = regex;
    this.pushState();
    if (!this.info) return;
    if (!q.trim()) {
      this.searchRows = null;
      this.searchMask = null;
      this.dbg.search = null;
      this.ui.count.textContent = '';
      this.recolorAll();
      this.render();
      return;
    }
    try {
      const msg = await getMessage(`/api/atlas/${encodeURIComponent(this.info.id)}/search${qs({ q, regex })}`);
      if (q !== this.ui.search.value) return;
      const rows = msg.arrays.rows.data as Uint32Array;
      this.searchRows = rows;
      const mask = new Uint8Array(this.info.n_tokens);
      rows.forEach((r) => (mask[r] = 1));
      this.searchMask = rows.length ? mask : null;
      const { n_tokens, n_sequences } = msg.meta;
      const nh = this.info.n_layers * this.info.n_heads;
      this.ui.count.textContent = n_tokens
        ? `${n_tokens} token${n_tokens === 1 ? '' : 's'} match in ${n_sequences} sequence${n_sequences === 1 ? '' : 's'} (\u00d7${nh} heads)`
        : 'no match';
      this.ui.count.className = n_tokens ? '' : 'none';
      this.dbg.search = { q, regex, tokens: n_tokens, sequences: n_sequences, text: this.ui.count.textContent };
    } catch (e) {
      this.searchRows = null;
      this.searchMask = null;
      this.ui.count.textContent = (e as Error).message;
      this.ui.count.className = 'none';
      this.dbg.search = { q, regex, error: (e as Error).message };
    }
    this.recolorAll();
    this.render();
    this.scheduleLabels();
  }

  // ---- focus (single head) ----------------------------------------------------------------
  focusIndex(): number {
    const info = this.info!;
    return Math.min(this.state.layer, info.n_layers - 1) * info.n_heads + Math.min(this.state.head, info.n_heads - 1);
  }

  async focusHead(index: number, animate = true): Promise<void> {
    const info = this.info;
    if (!info || index < 0 || index >= info.n_layers * info.n_heads) return;
    const gen = this.generation;
    const wasMatrix = this.state.view === 'matrix';
    const prevIndex = this.focusIndex();
    this.state.layer = Math.floor(index / info.n_heads);
    this.state.head = index % info.n_heads;
    if (this.state.view === 'matrix') this.state.view = 'head';
    this.dbg.view = this.state.view;
    this.similar = null;
    this.pushState();
    const load = this.loadFocus(index, gen);
    if (this.mode3d && prevIndex !== index) this.leave3d();
    if (!this.mode3d) {
      const target = this.fitCell(index);
      await new Promise<void>((resolve) => this.setViewState({ ...target, minZoom: -4, maxZoom: 16 }, animate ? (wasMatrix ? 650 : 350) : 0, resolve));
    }
    await load;
    if (gen !== this.generation || this.focusIndex() !== index) return;
    if (this.dim === 3 && (this.state.view as string) !== 'matrix' && !this.mode3d) this.enter3d();
    if (this.selection) await this.loadAttention();
    this.render();
    this.renderSide();
    this.loadSimilar(index);
    if (this.state.view === 'sequence') this.seqView.open();
    if (this.state.view === 'image') this.imgView.open();
    this.scheduleLabels();
  }

  async loadFocus(index: number, gen: number): Promise<void> {
    if (this.focus?.index === index) return;
    const info = this.info!;
    const layer = Math.floor(index / info.n_heads), head = index % info.n_heads;
    const n = info.n_tokens;
    const chunk = this.chunks[layer];
    let coords: Uint16Array, bounds: Float32Array;
    if (chunk && !this.sampleRows) {
      const h = chunk.heads.indexOf(index), P = 2 * n, dim = chunk.dim;
      coords = chunk.coords.subarray(h * P * dim, (h + 1) * P * dim);
      bounds = chunk.bounds.subarray(h * dim * 2, (h + 1) * dim * 2);
    } else {
      const msg = await getMessage(`/api/atlas/${encodeURIComponent(info.id)}/layout/${encodeURIComponent(this.state.layout!)}${qs({ layer, head })}`);
      if (gen !== this.generation) return;
      coords = msg.arrays.coords.data as Uint16Array;
      bounds = msg.arrays.bounds.data as Float32Array;
    }
    const local = new Float32Array(2 * n * 2);
    localPositions(coords, 0, 2 * n, this.dim, bounds, local, 0);
    const pos3d = this.dim === 3 ? positions3d(coords, 0, 2 * n, bounds) : null;
    this.focus = { index, n, local, pos3d };
  }

  enter3d(): void {
    this.mode3d = true;
    this.dbg.mode3d = true;
    const [w, h] = this.size();
    this.deck.setProps({ views: [new OrbitView({ id: 'orbit', controller: { inertia: false } as any, orbitAxis: 'Y' } as any)] });
    this.setViewState({ target: [0, 0, 0], rotationX: 15, rotationOrbit: 30, zoom: Math.log2(Math.min(w, h) / 1.35), minZoom: 0, maxZoom: 14 });
    this.render();
  }

  leave3d(): void {
    this.mode3d = false;
    this.dbg.mode3d = false;
    this.deck.setProps({ views: [new OrthographicView({ id: 'ortho', controller: { doubleClickZoom: false, inertia: false } as any })] });
    this.setViewState({ ...this.fitCell(this.focusIndex()), minZoom: -4, maxZoom: 16 });
  }

  backToMatrix(): void {
    if (!this.info) return;
    this.closeOverlay(false);
    if (this.mode3d) this.leave3d();
    this.state.view = 'matrix';
    this.dbg.view = 'matrix';
    this.similar = null;
    this.pushState();
    this.fitMatrix(600, () => this.render());
    this.render();
    this.renderSide();
  }

  step(dRow: number, dCol: number): void {
    if (!this.info) return;
    const cur = this.slotOf[this.focusIndex()];
    let row = Math.floor(cur / this.nCols) + dRow, col = (cur % this.nCols) + dCol;
    if (col < 0) { col = this.nCols - 1; row--; }
    if (col >= this.nCols) { col = 0; row++; }
    const i = row * this.nCols + col;
    if (row < 0 || i >= this.slots.length) return;
    this.focusHead(this.slots[i].index);
  }

  // ---- selection and attention -----------------------------------------------------------------
  async selectToken(row: number, role: Role): Promise<void> {
    const info = this.info, tok = this.tokens;
    if (!info || !tok || row < 0 || row >= info.n_tokens) return;
    const seq = tok.seq(row);
    this.state.token = row;
    this.state.role = role;
    this.selection = { row, role, seq, start: this.seqs!.start[seq], n: this.seqs!.n_tokens[seq], index: -1, weights: null };
    this.dbg.selected = { token: row, role, seq, text: tok.token(row) };
    this.pushState();
    if (this.state.view === 'matrix') {
      await this.focusHead(this.focusIndex());
      return;
    }
    await this.loadAttention();
    this.render();
    this.renderSide();
    this.scheduleLabels();
    if (this.state.view === 'sequence') this.seqView.draw();
    if (this.state.view === 'image') this.imgView.open();
  }

  clearSelection(): void {
    this.selection = null;
    this.state.token = null;
    this.dbg.selected = null;
    this.dbg.lines = 0;
    this.pushState();
    this.render();
    this.renderSide();
    this.scheduleLabels();
  }

  async loadAttention(): Promise<void> {
    const sel = this.selection, info = this.info;
    if (!sel || !info) return;
    const index = this.focusIndex();
    const layer = Math.floor(index / info.n_heads), head = index % info.n_heads;
    const t0 = performance.now();
    try {
      const msg = await getMessage(`/api/atlas/${encodeURIComponent(info.id)}/attention${qs({ layer, head, token: sel.row, role: sel.role })}`);
      if (this.selection !== sel) return;
      sel.weights = msg.arrays.attention.data as Float32Array;
      sel.index = index;
      sel.error = undefined;
      this.dbg.timings.attention = performance.now() - t0;
    } catch (e) {
      sel.error = (e as Error).message;
      sel.weights = null;
    }
  }

  // ---- geometry helpers ----------------------------------------------------------------------------
  /** World position of a token's point (role) in head `index` (full resolution in the focus head). */
  worldOf(index: number, row: number, role: Role): number[] | null {
    const info = this.info!;
    const n = info.n_tokens;
    if (this.mode3d) {
      if (!this.focus || this.focus.index !== index || !this.focus.pos3d) return null;
      const i = (role === 'key' ? n : 0) + row;
      return [this.focus.pos3d[i * 3], this.focus.pos3d[i * 3 + 1], this.focus.pos3d[i * 3 + 2]];
    }
    const s = this.slots[this.slotOf[index]];
    const inner = CELL - 2 * PAD;
    if (this.focus && this.focus.index === index) {
      const i = (role === 'key' ? n : 0) + row;
      return [s.x + PAD + this.focus.local[i * 2] * inner, s.y + PAD + (1 - this.focus.local[i * 2 + 1]) * inner];
    }
    const layer = Math.floor(index / info.n_heads);
    const c = this.chunks[layer];
    if (!c) return null;
    const si = this.sampleIndex ? this.sampleIndex[row] : row;
    if (si < 0) return null;
    const h = c.heads.indexOf(index), P = 2 * c.m;
    const p = h * P + (role === 'key' ? c.m : 0) + si;
    return [c.positions[p * 2], c.positions[p * 2 + 1]];
  }

  screenOf(world: number[]): [number, number] | null {
    const [w, h] = this.size();
    if (this.mode3d) {
      const vp = this.deck.getViewports?.()[0];
      if (!vp) return null;
      const p = vp.project(world);
      return [p[0], p[1]];
    }
    return project(this.vs, w, h, world[0], world[1]);
  }

  pointScreen(layer: number, head: number, row: number, role: Role): [number, number] | null {
    if (!this.info) return null;
    const wpos = this.worldOf(layer * this.info.n_heads + head, row, role);
    if (!wpos) return null;
    const p = this.screenOf(wpos);
    if (!p) return null;
    const r = this.ui.canvas.getBoundingClientRect();
    return [r.left + p[0], r.top + p[1]];
  }

  cellRects(): any[] {
    if (!this.info || this.mode3d) return [];
    const [w, h] = this.size();
    const r = this.ui.canvas.getBoundingClientRect();
    return this.slots.map((s) => {
      const [x0, y0] = project(this.vs, w, h, s.x, s.y);
      const [x1, y1] = project(this.vs, w, h, s.x + CELL, s.y + CELL);
      return { layer: s.layer, head: s.head, row: s.row, col: s.col, x: r.left + x0, y: r.top + y0, width: x1 - x0, height: y1 - y0 };
    });
  }

  // ---- interaction ---------------------------------------------------------------------------------
  decodePick(info: any): { index: number; row: number; role: Role } | null {
    if (!info || !info.picked || info.index < 0 || !info.layer) return null;
    const id: string = info.layer.id;
    const n = this.info!.n_tokens;
    if (id.startsWith('points-')) {
      const c = this.chunks[Number(id.slice(7))];
      if (!c) return null;
      const P = 2 * c.m;
      const h = Math.floor(info.index / P), i = info.index % P;
      const si = i % c.m;
      return { index: c.heads[h], row: this.sampleRows ? this.sampleRows[si] : si, role: i < c.m ? 'query' : 'key' };
    }
    if (id === 'focus-points' || id === 'focus-3d' || id === 'thumbs') {
      const i = info.index;
      return { index: this.focus!.index, row: i % n, role: i < n ? 'query' : 'key' };
    }
    if (id === 'seq-points' || id === 'search-points') {
      const d = info.object;
      if (d) return { index: d.index, row: d.row, role: d.role };
    }
    return null;
  }

  onHover(info: any): void {
    const t = this.ui.tooltip;
    const p = this.decodePick(info);
    if (!p || !this.tokens) {
      t.style.display = 'none';
      return;
    }
    const tok = this.tokens, seqs = this.seqs!;
    const seq = tok.seq(p.row), pos = tok.pos(p.row), n = tok.seqLen(p.row);
    const start = seqs.start[seq];
    const lo = Math.max(0, pos - 10), hi = Math.min(n, pos + 11);
    const ctx: string[] = [];
    for (let j = lo; j < hi; j++) {
      const s = escapeHtml(showToken(tok.token(start + j), 18));
      ctx.push(j === pos ? `<b>${s}</b>` : s);
    }
    const info2 = this.info!;
    const layer = Math.floor(p.index / info2.n_heads), head = p.index % info2.n_heads;
    const color = p.role === 'query' ? ROLE_COLORS.query : ROLE_COLORS.key;
    const text = seqs.text[seq] ?? '';
    t.innerHTML =
      `<div><span class="tok">${escapeHtml(showToken(tok.token(p.row), 40))}</span> ` +
      `<span class="chip" style="background:${rgbToCss(color)}">${p.role}</span></div>` +
      `<div class="muted">position ${pos} of ${n} \u00b7 ${info2.image ? 'image' : 'sequence'} ${seq} \u00b7 L${layer} H${head}</div>` +
      `<div class="ctx">${lo > 0 ? '\u2026 ' : ''}${ctx.join(' ')}${hi < n ? ' \u2026' : ''}</div>` +
      (text && !info2.image ? `<div class="ctx">${escapeHtml(text.length > 240 ? text.slice(0, 240) + '\u2026' : text)}</div>` : text ? `<div class="ctx">${escapeHtml(text)}</div>` : '');
    t.style.display = 'block';
    const [w, h] = this.size();
    const x = info.x + 14, y = info.y + 14;
    t.style.left = `${Math.min(x, w - 370)}px`;
    t.style.top = `${Math.min(y, h - t.offsetHeight - 6)}px`;
    this.dbg.hover = { token: p.row, role: p.role, layer, head, text: t.textContent };
  }

  onClick(info: any): void {
    if (!this.info || !this.slots.length) return;
    const p = this.decodePick(info);
    if (p) {
      if (this.state.view === 'matrix' || p.index !== this.focusIndex()) {
        const info2 = this.info;
        this.state.layer = Math.floor(p.index / info2.n_heads);
        this.state.head = p.index % info2.n_heads;
      }
      this.selectToken(p.row, p.role);
      return;
    }
    if (this.mode3d || !info.coordinate) return;
    const i = cellAt(this.slots, this.nCols, info.coordinate[0], info.coordinate[1]);
    if (i >= 0 && (this.state.view === 'matrix' || this.slots[i].index !== this.focusIndex())) this.focusHead(this.slots[i].index);
  }

  onKey(e: KeyboardEvent): void {
    const tag = (e.target as HTMLElement)?.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    if (!this.info) return;
    const k = e.key;
    if (k === 'Escape') {
      if (this.state.view === 'sequence' || this.state.view === 'image') this.closeOverlay(true);
      else if (this.selection) this.clearSelection();
      else if (this.state.view === 'head') this.backToMatrix();
      e.preventDefault();
      return;
    }
    const moves: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    if (k in moves) {
      e.preventDefault();
      if (this.state.view === 'matrix') this.focusHead(this.focusIndex());
      else this.step(...moves[k]);
    }
  }

  // ---- overlays ----------------------------------------------------------------------------------
  openSequence(): void {
    if (!this.selection) return;
    this.state.view = 'sequence';
    this.dbg.view = 'sequence';
    this.pushState();
    this.seqView.open();
  }

  openImage(): void {
    if (!this.info?.images) return;
    this.state.view = 'image';
    this.dbg.view = 'image';
    this.pushState();
    this.imgView.open();
  }

  closeOverlay(push: boolean): void {
    this.ui.overlay.style.display = 'none';
    this.ui.overlay.replaceChildren();
    this.dbg.sequence = null;
    this.dbg.image = null;
    if (this.state.view === 'sequence' || this.state.view === 'image') {
      this.state.view = 'head';
      this.dbg.view = 'head';
      if (push) this.pushState();
      this.scheduleLabels();
    }
  }

  // ---- URL state --------------------------------------------------------------------------------
  pushState(): void {
    const hash = encodeState(this.state);
    if (hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(null, '', hash || location.pathname + location.search);
    }
    this.dbg.hash = hash;
  }

  async onHashChange(): Promise<void> {
    const want = stateFromHash(location.hash);
    if (encodeState(want) === encodeState(this.state)) return;
    if (want.atlas && want.atlas !== this.state.atlas) {
      this.state = { ...want };
      await this.loadAtlas(want.atlas, true);
      return;
    }
    await this.restoreView(want);
  }

  async restoreView(want: AppState): Promise<void> {
    const info = this.info;
    if (!info) return;
    if (want.theme !== this.state.theme) { this.state.theme = want.theme; this.applyTheme(); }
    if (want.layout && want.layout !== this.state.layout && info.layouts.some((l) => l.name === want.layout)) {
      this.ui.layout.value = want.layout;
      await this.switchLayout(want.layout);
    }
    if (want.color !== this.state.color) { this.ui.color.value = want.color; await this.setColor(want.color); }
    if (want.size !== this.state.size) { this.ui.size.checked = want.size; await this.setSize(want.size); }
    this.state.thumbs = want.thumbs;
    this.state.hide = want.hide;
    this.state.weighted = want.weighted;
    if (want.tint !== this.state.tint) { this.state.tint = want.tint; this.ui.tint.value = want.tint; }
    if (want.sort !== this.state.sort) this.setSort(want.sort, false);
    if (want.search !== this.state.search || want.regex !== this.state.regex) {
      this.ui.search.value = want.search;
      this.ui.regex.checked = want.regex;
      await this.runSearch();
    }
    const layer = Math.min(want.layer, info.n_layers - 1), head = Math.min(want.head, info.n_heads - 1);
    if (want.view === 'matrix') {
      this.state.layer = layer;
      this.state.head = head;
      if (this.state.view !== 'matrix') this.backToMatrix();
      if (want.token !== null && want.token < info.n_tokens) {
        this.state.token = want.token;
        this.state.role = want.role;
        const seq = this.tokens!.seq(want.token);
        this.selection = { row: want.token, role: want.role, seq, start: this.seqs!.start[seq], n: this.seqs!.n_tokens[seq], index: -1, weights: null };
      }
      this.render();
      this.renderSide();
      return;
    }
    if (want.token !== null && want.token < info.n_tokens) {
      const seq = this.tokens!.seq(want.token);
      this.state.token = want.token;
      this.state.role = want.role;
      this.selection = { row: want.token, role: want.role, seq, start: this.seqs!.start[seq], n: this.seqs!.n_tokens[seq], index: -1, weights: null };
      this.dbg.selected = { token: want.token, role: want.role, seq, text: this.tokens!.token(want.token) };
    }
    this.state.view = want.view === 'image' && !info.images ? 'head' : want.view === 'sequence' && !this.selection ? 'head' : want.view;
    this.dbg.view = this.state.view;
    await this.focusHead(layer * info.n_heads + head, false);
  }

  // ---- layers ------------------------------------------------------------------------------------
  renderTimer = 0;
  /** Coalesce renders while data streams in (each frame redraws every point). */
  renderSoon(delay = 250): void {
    if (this.renderTimer) return;
    this.renderTimer = window.setTimeout(() => { this.renderTimer = 0; this.render(); }, delay);
  }

  render(): void {
    if (!this.deck) return;
    if (this.renderTimer) { clearTimeout(this.renderTimer); this.renderTimer = 0; }
    this.deck.setProps({ layers: this.mode3d ? this.layers3d() : this.layers2d() });
    this.drawOverlays();
  }

  cellColor(s: Slot): number[] {
    const th = this.themeColors();
    const h = this.heads, tint = this.state.tint;
    if (!h || tint === 'none') return th.cell;
    const row = this.headRow(s.index);
    if (row < 0) return th.cell;
    const strong = 2 ** (this.vs.zoom ?? 0) < 300; // lighter tint when one head fills the view
    if (tint === 'label') {
      const c = this.labelColor(String(h.data.label[row]));
      return blend(th.cell, c, strong ? 0.28 : 0.1);
    }
    const col = h.data[tint.slice(7)];
    if (!col) return th.cell;
    const [lo, hi] = this.metricExtent(tint.slice(7));
    const v = col[row];
    if (v === null || !Number.isFinite(v)) return th.cell;
    return blend(th.cell, rampColor(RAMPS.viridis, scale01(v, lo, hi)), strong ? 0.45 : 0.15);
  }

  metricCache: Record<string, [number, number]> = {};
  metricExtent(name: string): [number, number] {
    const h = this.heads!;
    const key = `${this.info?.id}:${name}`;
    return (this.metricCache[key] ??= extent((h.data[name] as any[]).map((v) => (v === null ? NaN : v)).filter(Number.isFinite)));
  }

  headRowCache: Int32Array | null = null;
  headRow(index: number): number {
    const h = this.heads, info = this.info;
    if (!h || !info) return -1;
    if (!this.headRowCache || this.headRowCache.length !== info.n_layers * info.n_heads) {
      this.headRowCache = new Int32Array(info.n_layers * info.n_heads).fill(-1);
      for (let i = 0; i < h.n; i++) this.headRowCache[Number(h.data.layer[i]) * info.n_heads + Number(h.data.head[i])] = i;
    }
    return this.headRowCache[index];
  }

  labelColor(label: string): RGB {
    const h = this.heads;
    const hex = h?.label_colors?.[label];
    if (hex) return hexToRgb(hex);
    const i = h ? h.labels.indexOf(label) : 0;
    return categorical(i < 0 ? 7 : i);
  }

  layers2d(): any[] {
    const info = this.info;
    if (!info || !this.slots.length) return [];
    const focusIdx = this.state.view !== 'matrix' ? this.focusIndex() : -1;
    const layers: any[] = [];
    this.chunks.forEach((c, i) => {
      if (!c) return;
      layers.push(new (PointsLayer as any)({
        id: `points-${i}`,
        data: c.data,
        coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
        radiusUnits: 'common',
        getRadius: RADIUS,
        radiusMinPixels: 0.75,
        radiusMaxPixels: 5,
        pickable: true,
        parameters: { depthCompare: 'always' } as any,
      }));
    });
    // search matches: ringed in every head
    if (this.searchRows && this.searchRows.length) layers.push(this.searchLayer());
    // single-head view: full resolution, the selected sequence, attention lines, labels
    if (this.focus && focusIdx === this.focus.index) {
      const pos = this.focusWorld();
      if (this.sampleRows || this.state.thumbs) {
        if (this.state.thumbs && info.thumbnails) layers.push(this.thumbLayer(pos, 2));
        else layers.push(this.focusPointsLayer(pos));
      }
      layers.push(...this.selectionLayers(2));
    }
    return layers;
  }

  /** World positions of the focus head's points (full resolution), cached per cell. */
  focusWorld(): Float32Array {
    const f = this.focus!, n = f.n;
    const s = this.slots[this.slotOf[f.index]], inner = CELL - 2 * PAD;
    const key = `${s.x},${s.y}`;
    const fa = f as any;
    if (fa.worldKey === key) return fa.world;
    const ox = s.x + PAD, oy = s.y + PAD;
    const pos = new Float32Array(2 * n * 2);
    for (let i = 0; i < 2 * n; i++) {
      pos[i * 2] = ox + f.local[i * 2] * inner;
      pos[i * 2 + 1] = oy + (1 - f.local[i * 2 + 1]) * inner;
    }
    fa.world = pos;
    fa.worldKey = key;
    return pos;
  }

  // ---- 2-D canvas overlays (cells below the points, labels above), drawn in sync with each frame
  sizeCanvas(c: HTMLCanvasElement): CanvasRenderingContext2D {
    const [w, h] = this.size();
    const dpr = window.devicePixelRatio || 1;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
    }
    const g = c.getContext('2d')!;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    return g;
  }

  drawOverlays(): void {
    if (!this.ui.bg) return;
    const bg = this.sizeCanvas(this.ui.bg), fg = this.sizeCanvas(this.ui.fg);
    const info = this.info;
    if (!info || !this.slots.length) return;
    const [w, h] = this.size();
    const th = this.themeColors();
    const css = (c: number[]) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] ?? 255) / 255})`;
    if (!this.mode3d) {
      const vs = this.vs;
      const cellPx = 2 ** (vs.zoom ?? 0);
      const focusIdx = this.state.view !== 'matrix' ? this.focusIndex() : -1;
      const labelTint = this.state.tint === 'label' && this.heads;
      const sorted = this.state.sort !== 'layer';
      const fontPx = Math.min(12, Math.max(9, cellPx / 10));
      bg.font = `${fontPx}px system-ui, Helvetica, Arial, sans-serif`;
      bg.textBaseline = 'bottom';
      for (const s of this.slots) {
        const [x0, y0] = project(vs, w, h, s.x, s.y);
        const sz = cellPx * CELL;
        if (x0 > w || y0 > h + 20 || x0 + sz < 0 || y0 + sz < -20) continue;
        bg.fillStyle = css(this.cellColor(s));
        bg.fillRect(x0, y0, sz, sz);
        const row = this.headRow(s.index);
        const border = s.index === focusIdx ? th.accent : labelTint && row >= 0 ? [...this.labelColor(String(this.heads!.data.label[row])), 255] : th.cellLine;
        bg.strokeStyle = css(border);
        bg.lineWidth = s.index === focusIdx || labelTint ? 2 : 1;
        bg.strokeRect(x0 + 0.5, y0 + 0.5, sz - 1, sz - 1);
        if (cellPx >= 34) {
          let text = '';
          if (sorted || cellPx >= 60) {
            text = `L${s.layer} H${s.head}`;
            if (labelTint && row >= 0 && cellPx >= 110) text += ` \u00b7 ${this.heads!.data.label[row]}`;
          } else if (s.row === 0 && s.col === 0) text = 'L0 H0';
          else if (s.col === 0) text = `L${s.layer}`;
          else if (s.row === 0) text = `H${s.head}`;
          if (text) {
            bg.fillStyle = css(th.muted);
            bg.fillText(text, x0 + 1, y0 - 2);
          }
        }
      }
    }
    // token labels
    if (this.placed.length) {
      fg.font = '11px system-ui, Helvetica, Arial, sans-serif';
      fg.textBaseline = 'middle';
      for (const l of this.placed) {
        if (!l.world) continue;
        const p = this.screenOf(l.world);
        if (!p) continue;
        const tw = fg.measureText(l.text).width;
        fg.fillStyle = css(th.labelBg);
        fg.fillRect(p[0] + 5, p[1] - 7, tw + 6, 14);
        fg.fillStyle = css(th.text);
        fg.fillText(l.text, p[0] + 8, p[1]);
      }
    }
  }

  focusColors(): Uint8Array {
    const n = this.info!.n_tokens;
    const cacheKey = `${this.state.color}|${this.state.search}|${this.state.regex}|${this.focus?.index}`;
    if ((this as any)._fcKey === cacheKey) return (this as any)._fc;
    let colors: Uint8Array;
    if (this.state.color === 'norm') {
      colors = new Uint8Array(2 * n * 4).fill(160);
    } else {
      colors = tokenColors(this.state.color, this.tokens!, null)!;
      this.applySearchDim(colors, 1, 2 * n);
    }
    (this as any)._fcKey = cacheKey;
    (this as any)._fc = colors;
    return colors;
  }

  focusPointsLayer(pos: Float32Array): any {
    const n = this.info!.n_tokens;
    return new (PointsLayer as any)({
      id: 'focus-points',
      data: { length: 2 * n, attributes: { getPosition: { value: pos, size: this.mode3d ? 3 : 2 }, getFillColor: { value: this.focusColors(), size: 4, normalized: true } } },
      coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
      radiusUnits: 'common',
      getRadius: RADIUS,
      radiusMinPixels: 0.75,
      radiusMaxPixels: 5,
      pickable: true,
      parameters: { depthCompare: 'always' } as any,
    });
  }

  thumbLayer(pos: Float32Array, dim: number): any {
    const info = this.info!, th = info.thumbnails!, n = info.n_tokens;
    const mapping: Record<string, any> = (this as any)._thumbMap?.id === info.id ? (this as any)._thumbMap.m : (() => {
      const m: Record<string, any> = {};
      for (let i = 0; i < th.count; i++) m[i] = { x: (i % th.columns) * th.tile, y: Math.floor(i / th.columns) * th.tile, width: th.tile, height: th.tile };
      (this as any)._thumbMap = { id: info.id, m };
      return m;
    })();
    const idx = Array.from({ length: 2 * n }, (_, i) => i);
    return new (IconLayer as any)({
      id: 'thumbs',
      data: idx,
      iconAtlas: th.url,
      iconMapping: mapping,
      getIcon: (i: number) => String(i % n),
      getPosition: (i: number) => (dim === 3 ? [pos[i * 3], pos[i * 3 + 1], pos[i * 3 + 2]] : [pos[i * 2], pos[i * 2 + 1]]),
      sizeUnits: 'common',
      getSize: 0.035,
      sizeMinPixels: 4,
      sizeMaxPixels: 40,
      pickable: true,
      coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
      updateTriggers: { getPosition: [pos] },
    });
  }

  searchCache: { key: string; pts: any[] } | null = null;
  searchLayer(): any {
    const key = [this.searchRows?.length, this.state.search, this.state.regex, this.state.sort, this.state.layout, this.state.view, this.focus?.index, this.mode3d, this.chunks.length].join('|');
    const pts = this.searchCache?.key === key ? this.searchCache.pts : this.searchPoints();
    this.searchCache = { key, pts };
    const th = this.themeColors();
    return new (PointsLayer as any)({
      id: 'search-points',
      data: pts,
      getPosition: (d: any) => d.position,
      getFillColor: (d: any) => [...(d.role === 'query' ? ROLE_COLORS.query : ROLE_COLORS.key), 255],
      lineColor: th.ring,
      stroked: true,
      lineWidthPixels: 1,
      radiusUnits: 'common',
      getRadius: RADIUS * 1.8,
      radiusMinPixels: 1.8,
      radiusMaxPixels: 7,
      pickable: true,
      coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
      parameters: { depthCompare: 'always' } as any,
    });
  }

  searchPoints(): { position: number[]; index: number; row: number; role: Role }[] {
    const pts: { position: number[]; index: number; row: number; role: Role }[] = [];
    const rows = this.searchRows!;
    const limit = 200000;
    outer: for (const c of this.chunks) {
      if (!c) continue;
      for (const index of c.heads) {
        if (this.focus?.index === index && this.state.view !== 'matrix') continue;
        for (let k = 0; k < rows.length; k++) {
          const r = rows[k];
          for (const role of ['query', 'key'] as Role[]) {
            const w = this.worldOf(index, r, role);
            if (w) pts.push({ position: w, index, row: r, role });
          }
          if (pts.length > limit) break outer;
        }
      }
    }
    if (this.focus && this.state.view !== 'matrix') {
      for (let k = 0; k < rows.length; k++) for (const role of ['query', 'key'] as Role[]) {
        const w = this.worldOf(this.focus.index, rows[k], role);
        if (w) pts.push({ position: w, index: this.focus.index, row: rows[k], role });
      }
    }
    return pts;
  }

  selectionLayers(dim: number): any[] {
    const sel = this.selection, f = this.focus;
    this.dbg.lines = 0;
    if (!sel || !f) return [];
    const th = this.themeColors();
    const index = f.index;
    const pts: { position: number[]; index: number; row: number; role: Role }[] = [];
    for (let j = 0; j < sel.n; j++) {
      for (const role of ['query', 'key'] as Role[]) {
        const w = this.worldOf(index, sel.start + j, role);
        if (w) pts.push({ position: w, index, row: sel.start + j, role });
      }
    }
    const layers: any[] = [];
    const me = this.worldOf(index, sel.row, sel.role);
    const lines: { source: number[]; target: number[]; w: number; row: number }[] = [];
    if (me && sel.weights && sel.index === index) {
      const top = topWeights(sel.weights, 8, 0.9, 0.02);
      const wmax = Math.max(...top.map((j) => sel.weights![j]), 1e-9);
      const other: Role = sel.role === 'query' ? 'key' : 'query';
      for (const j of top) {
        const t = this.worldOf(index, sel.start + j, other);
        if (t) lines.push({ source: me, target: t, w: sel.weights[j] / wmax, row: sel.start + j });
      }
    }
    this.dbg.lines = lines.length;
    this.dbg.lineTargets = lines.map((l) => ({ row: l.row, weight: l.w }));
    layers.push(new (PointsLayer as any)({
      id: 'seq-points',
      data: pts,
      getPosition: (d: any) => d.position,
      getFillColor: (d: any) => [...(d.role === 'query' ? ROLE_COLORS.query : ROLE_COLORS.key), 255],
      lineColor: th.ring,
      stroked: true,
      lineWidthPixels: 1,
      radiusUnits: 'common',
      getRadius: RADIUS * 1.7,
      radiusMinPixels: 2.5,
      radiusMaxPixels: 8,
      pickable: true,
      coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
      updateTriggers: { getLineColor: [this.state.theme] },
      parameters: { depthCompare: 'always' } as any,
    }));
    layers.push(new (LineLayer as any)({
      id: 'attention-lines',
      data: lines,
      getSourcePosition: (d: any) => d.source,
      getTargetPosition: (d: any) => d.target,
      getColor: (d: any) => [...th.accent.slice(0, 3), Math.round(50 + 205 * d.w)],
      getWidth: (d: any) => 1 + 3 * d.w,
      widthUnits: 'pixels',
      coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
      parameters: { depthCompare: 'always' } as any,
    }));
    if (me) {
      layers.push(new (ScatterplotLayer as any)({
        id: 'selected-point',
        data: [me],
        getPosition: (d: any) => d,
        getFillColor: [...(sel.role === 'query' ? ROLE_COLORS.query : ROLE_COLORS.key), 255],
        getLineColor: th.accent,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2.5,
        radiusUnits: 'pixels',
        getRadius: 6,
        coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
        parameters: { depthCompare: 'always' } as any,
      }));
    }
    void dim;
    return layers;
  }

  layers3d(): any[] {
    const f = this.focus, info = this.info;
    if (!f || !f.pos3d || !info) return [];
    const layers: any[] = [];
    if (this.state.thumbs && info.thumbnails) layers.push(this.thumbLayer(f.pos3d, 3));
    else layers.push(this.focusPointsLayer(f.pos3d));
    if (this.searchRows && this.searchRows.length) layers.push(this.searchLayer());
    layers.push(...this.selectionLayers(3));
    return layers;
  }

  // ---- token labels without overlap ---------------------------------------------------------
  scheduleLabels(): void {
    clearTimeout(this.labelTimer);
    this.labelTimer = window.setTimeout(() => this.updateLabels(), 120);
  }

  updateLabels(): void {
    const f = this.focus;
    if (!f || !this.info || this.state.view === 'matrix' || this.dbg.transitioning) {
      if (this.placed.length) { this.placed = []; this.drawOverlays(); }
      this.dbg.labels = 0;
      return;
    }
    const tok = this.tokens!, n = this.info.n_tokens;
    const [w, h] = this.size();
    const cands: LabelCandidate[] = [];
    const add = (row: number, role: Role, priority: number) => {
      const wp = this.worldOf(f.index, row, role);
      if (!wp) return;
      const sp = this.screenOf(wp);
      if (!sp) return;
      cands.push({ x: sp[0], y: sp[1], text: showToken(tok.token(row), 20), priority, key: role === 'key' ? n + row : row });
    };
    const sel = this.selection;
    if (sel) {
      add(sel.row, sel.role, 1000);
      const targets: { row: number; weight: number }[] = this.dbg.lineTargets ?? [];
      targets.forEach((t) => add(t.row, sel.role === 'query' ? 'key' : 'query', 500 + t.weight * 100));
      for (let j = 0; j < sel.n; j++) add(sel.start + j, sel.role, 100 - j * 0.01);
    }
    if (this.searchRows) {
      const rows = this.searchRows;
      for (let k = 0; k < Math.min(rows.length, 400); k++) { add(rows[k], 'query', 50); add(rows[k], 'key', 49); }
    }
    // a spread of other tokens when zoomed in far enough to read them
    const cellPx = 2 ** (this.vs.zoom ?? 0);
    if (cellPx > 500 || this.mode3d) {
      const step = Math.max(1, Math.floor((2 * n) / 600));
      for (let i = 0; i < 2 * n; i += step) add(i % n, i < n ? 'query' : 'key', 1 - i / (4 * n));
    }
    const placed = placeLabels(cands, w, h, { max: 160 });
    const world = (k: number) => this.worldOf(f.index, k % n, k >= n ? 'key' : 'query');
    this.placed = placed.map((p) => ({ text: p.text, world: world(p.key!) }));
    this.dbg.labels = this.placed.length;
    this.drawOverlays();
  }

  // ---- similar heads -----------------------------------------------------------------------------
  async loadSimilar(index: number): Promise<void> {
    const info = this.info!;
    if (!this.heads) {
      this.similar = null;
      this.similarError = this.headsError || 'head metrics unavailable';
      this.renderSide();
      return;
    }
    try {
      const res = await getJSON(`/api/atlas/${encodeURIComponent(info.id)}/similar${qs({ layer: Math.floor(index / info.n_heads), head: index % info.n_heads, k: 6 })}`);
      if (this.focusIndex() !== index) return;
      this.similar = res.heads;
      this.similarError = '';
    } catch (e) {
      this.similar = null;
      this.similarError = e instanceof ApiError ? e.message : String(e);
    }
    this.renderSide();
  }

  // ---- side panel -------------------------------------------------------------------------------
  renderSide(): void {
    const side = this.ui.side as HTMLElement;
    if (!side) return;
    side.replaceChildren();
    const info = this.info;
    this.ui.nav.style.display = info && this.state.view !== 'matrix' ? 'flex' : 'none';
    if (!info) return;
    const layoutName = this.state.layout ?? '';
    side.append(el('section', { id: 'atlas-info' },
      el('h3', {}, 'atlas'),
      kv([
        ['model', `${info.name} (${info.kind}${info.causal ? ', causal' : ''})`],
        ['heads', `${info.n_layers} layers \u00d7 ${info.n_heads} heads${info.n_kv_heads !== info.n_heads ? ` (${info.n_kv_heads} key heads, grouped-query)` : ''}`],
        ['corpus', `${info.corpus?.name ?? ''}: ${info.n_sequences} ${info.image ? 'images' : 'sequences'}, ${info.n_tokens.toLocaleString()} tokens`],
        ['layout', layoutName + (this.sampleRows ? ` (matrix shows ${this.m.toLocaleString()} of ${info.n_tokens.toLocaleString()} tokens per head)` : '')],
        ...(this.dbg.bytes ? [['on the wire', `${(this.dbg.bytes.layout / 1e6).toFixed(2)} MB, ${this.dbg.bytes.perPoint.toFixed(2)} B/point`] as [string, string]] : []),
      ]),
    ));
    side.append(this.legendSection());
    if (this.state.view !== 'matrix') side.append(this.headSection());
    if (this.selection) side.append(this.selectionSection());
    side.append(this.headMapSection());
    if (this.state.view === 'matrix') {
      side.append(el('section', {}, el('p', { class: 'muted' }, 'Click a head (or a point) to zoom in; arrows step between heads, Esc goes back. Drag to pan, scroll to zoom.')));
    }
  }

  legendSection(): HTMLElement {
    const lg = legendFor(this.state.color, this.tokens!);
    const box = el('section', { id: 'legend' }, el('h3', {}, `colour: ${this.ui.color.selectedOptions?.[0]?.textContent ?? this.state.color}`));
    for (const it of lg.items ?? []) box.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch', style: `background:${rgbToCss(it.color)}` }), it.label));
    for (const r of lg.ramps ?? []) {
      const stops = r.ramp === 'hue' ? [0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1].map((h) => `hsl(${h * 360},85%,55%)`) : RAMPS[r.ramp].map((c) => rgbToCss(c));
      box.append(el('div', { class: 'legend-item' }, `${r.label}: ${r.lo}`, el('span', { class: 'ramp', style: `background:linear-gradient(90deg,${stops.join(',')})` }), r.hi));
    }
    if (this.state.tint !== 'none' && this.heads) {
      if (this.state.tint === 'label') {
        const items = this.heads.labels.map((l) => el('span', { class: 'legend-item', title: this.heads!.label_descriptions?.[l] ?? '' }, el('span', { class: 'swatch', style: `background:${rgbToCss(this.labelColor(l))}` }), l));
        box.append(el('div', {}, el('span', { class: 'muted' }, 'cells: '), ...items));
      } else {
        const name = this.state.tint.slice(7);
        const [lo, hi] = this.metricExtent(name);
        box.append(el('div', { class: 'legend-item' }, `cells: ${name} ${lo.toPrecision(2)}`, el('span', { class: 'ramp', style: `background:linear-gradient(90deg,${RAMPS.viridis.map((c) => rgbToCss(c)).join(',')})` }), hi.toPrecision(2)));
      }
    }
    return box;
  }

  headSection(): HTMLElement {
    const info = this.info!;
    const index = this.focusIndex();
    const layer = Math.floor(index / info.n_heads), head = index % info.n_heads;
    const sec = el('section', { id: 'head-info' }, el('h3', {}, `layer ${layer} \u00b7 head ${head}`));
    if (info.n_kv_heads !== info.n_heads) sec.append(el('div', { class: 'muted' }, `reads key head ${info.model.kv_head_of?.[head] ?? '?'} (grouped-query)`));
    const row = this.headRow(index);
    if (this.heads && row >= 0) {
      const h = this.heads;
      const label = String(h.data.label?.[row] ?? '');
      if (label) sec.append(el('div', {}, el('span', { class: 'chip', style: `background:${rgbToCss(this.labelColor(label))}` }, label), ' ', el('span', { class: 'muted' }, String(h.data.rule?.[row] ?? ''))));
      const pairs: [string, string][] = h.metrics.slice(0, 14).map((m) => [m, fmtNum(h.data[m][row])]);
      sec.append(kv(pairs));
    } else if (this.headsError) {
      sec.append(el('div', { class: 'muted' }, this.headsError));
    }
    // similar heads strip
    const strip = el('div', { class: 'similar', id: 'similar' });
    const simSec = el('section', {}, el('h3', {}, 'similar heads'), strip);
    this.dbg.similar = null;
    if (this.similar) {
      for (const s of this.similar) {
        const c = el('canvas', { width: 66, height: 66 }) as HTMLCanvasElement;
        this.drawMini(c, s.layer * info.n_heads + s.head);
        strip.append(el('figure', { title: `layer ${s.layer} head ${s.head}`, onclick: () => this.focusHead(s.layer * info.n_heads + s.head) }, c, el('figcaption', {}, `L${s.layer} H${s.head}${s.score !== null ? ` \u00b7 ${s.score.toFixed(2)}` : ''}`)));
      }
      this.dbg.similar = this.similar.length;
    } else {
      strip.append(el('span', { class: 'muted' }, this.similarError || 'loading\u2026'));
    }
    const nav = el('div', { style: 'margin-top:6px; display:flex; gap:4px; flex-wrap:wrap' });
    if (this.selection) nav.append(el('button', { id: 'open-sequence', onclick: () => this.openSequence() }, 'sequence view'));
    if (info.images) nav.append(el('button', { id: 'open-image', onclick: () => this.openImage() }, 'image view'));
    sec.append(nav);
    const wrap = el('div', {}, sec, simSec);
    this.ui.navTitle.textContent = `L${layer} H${head}`;
    return wrap;
  }

  drawMini(c: HTMLCanvasElement, index: number): void {
    const info = this.info!;
    const chunk = this.chunks[Math.floor(index / info.n_heads)];
    const g = c.getContext('2d')!;
    g.clearRect(0, 0, c.width, c.height);
    if (!chunk) return;
    const h = chunk.heads.indexOf(index), P = 2 * chunk.m;
    const step = Math.max(1, Math.floor(P / 3000));
    for (let i = 0; i < P; i += step) {
      const o = (h * P + i) * 2;
      const x = 3 + chunk.local[o] * (c.width - 6), y = 3 + (1 - chunk.local[o + 1]) * (c.height - 6);
      g.fillStyle = i < chunk.m ? 'rgba(44,170,90,0.55)' : 'rgba(230,60,150,0.55)';
      g.fillRect(x, y, 1.3, 1.3);
    }
  }

  selectionSection(): HTMLElement {
    const sel = this.selection!, tok = this.tokens!, info = this.info!;
    const sec = el('section', { id: 'selection' }, el('h3', {}, 'selected token'));
    sec.append(el('div', {},
      el('b', {}, showToken(tok.token(sel.row), 40)), ' ',
      el('span', { class: 'chip', style: `background:${rgbToCss(sel.role === 'query' ? ROLE_COLORS.query : ROLE_COLORS.key)}` }, sel.role), ' ',
      el('span', { class: 'muted' }, `position ${tok.pos(sel.row)} of ${sel.n}, ${info.image ? 'image' : 'sequence'} ${sel.seq}`)));
    if (!info.image) {
      const text = el('div', { class: 'seqtext' });
      for (let j = 0; j < sel.n; j++) {
        const r = sel.start + j;
        const span = el('span', { class: r === sel.row ? 'sel' : '', style: 'cursor:pointer', title: `position ${j}` }, showToken(tok.token(r), 30));
        span.onclick = () => this.selectToken(r, sel.role);
        text.append(span, ' ');
      }
      sec.append(text);
    }
    if (sel.error) sec.append(el('div', { class: 'muted' }, sel.error));
    const targets: { row: number; weight: number }[] = this.dbg.lineTargets ?? [];
    if (sel.weights && targets.length) {
      sec.append(el('div', { class: 'muted', style: 'margin-top:4px' }, sel.role === 'query' ? 'attends most to:' : 'attended most by:'));
      sec.append(kv(targets.map((t) => [showToken(tok.token(t.row), 20), `${(sel.weights![t.row - sel.start] * 100).toFixed(1)}%`])));
    }
    const buttons = el('div', { style: 'margin-top:6px; display:flex; gap:4px' },
      el('button', { onclick: () => this.openSequence(), id: 'open-sequence-2' }, 'sequence view'),
      el('button', { onclick: () => this.clearSelection() }, 'clear'));
    if (info.images) buttons.append(el('button', { onclick: () => this.openImage(), id: 'open-image-2' }, 'image view'));
    sec.append(buttons);
    return sec;
  }

  headMapSection(): HTMLElement {
    const sec = el('section', { id: 'head-map' }, el('h3', {}, 'head map'));
    const h = this.heads, info = this.info!;
    this.dbg.headmap = null;
    if (!h || !h.has_map) {
      sec.append(el('div', { class: 'muted' }, h ? 'this atlas has no head map' : this.headsError ? `unavailable: ${this.headsError}` : 'loading\u2026'));
      return sec;
    }
    const W = 296, H = 210;
    const c = el('canvas', { width: W, height: H, class: 'click', id: 'head-map-canvas' }) as HTMLCanvasElement;
    const g = c.getContext('2d')!;
    const xs = h.data.map_x as number[], ys = h.data.map_y as number[];
    const [x0, x1] = extent(xs.filter(Number.isFinite)), [y0, y1] = extent(ys.filter(Number.isFinite));
    const sx = (v: number) => 10 + scale01(v, x0, x1) * (W - 20), sy = (v: number) => H - 10 - scale01(v, y0, y1) * (H - 20);
    const light = this.state.theme === 'light';
    g.fillStyle = light ? '#fafaf8' : '#12161b';
    g.fillRect(0, 0, W, H);
    const focus = this.state.view !== 'matrix' ? this.focusIndex() : -1;
    const pts: { x: number; y: number; index: number; label: string }[] = [];
    for (let i = 0; i < h.n; i++) {
      if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
      const label = String(h.data.label?.[i] ?? '');
      const p = { x: sx(xs[i]), y: sy(ys[i]), index: Number(h.data.layer[i]) * info.n_heads + Number(h.data.head[i]), label };
      pts.push(p);
      g.fillStyle = rgbToCss(this.labelColor(label), 0.9);
      g.beginPath();
      g.arc(p.x, p.y, 3.2, 0, Math.PI * 2);
      g.fill();
    }
    const cur = pts.find((p) => p.index === focus);
    if (cur) {
      g.strokeStyle = light ? '#000' : '#fff';
      g.lineWidth = 2;
      g.beginPath();
      g.arc(cur.x, cur.y, 6.5, 0, Math.PI * 2);
      g.stroke();
    }
    const nearest = (e: MouseEvent) => {
      const r = c.getBoundingClientRect();
      const x = e.clientX - r.left, y = e.clientY - r.top;
      let best: any = null, bd = 100;
      for (const p of pts) { const d = (p.x - x) ** 2 + (p.y - y) ** 2; if (d < bd) { bd = d; best = p; } }
      return best;
    };
    c.onclick = (e) => { const p = nearest(e); if (p) this.focusHead(p.index); };
    c.onmousemove = (e) => {
      const p = nearest(e);
      c.title = p ? `L${Math.floor(p.index / info.n_heads)} H${p.index % info.n_heads}: ${p.label}` : '';
    };
    sec.append(c);
    const legend = el('div', {});
    for (const l of h.labels) legend.append(el('span', { class: 'legend-item', title: h.label_descriptions?.[l] ?? '' }, el('span', { class: 'swatch', style: `background:${rgbToCss(this.labelColor(l))}` }), l));
    sec.append(legend);
    this.dbg.headmap = { points: pts.map((p) => ({ x: p.x, y: p.y, layer: Math.floor(p.index / info.n_heads), head: p.index % info.n_heads })) };
    return sec;
  }
}

function kv(pairs: [string, string][]): HTMLElement {
  const d = el('div', { class: 'kv' });
  for (const [k, v] of pairs) d.append(el('div', {}, k), el('div', {}, v));
  return d;
}

function fmtNum(v: any): string {
  if (v === null || v === undefined) return '\u2013';
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}

function blend(a: number[], b: RGB, t: number): number[] {
  return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t), 255];
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

