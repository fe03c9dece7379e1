// Matrix view: every head of every layer in one grid, each cell its joint query/key scatterplot.
// Each model layer's heads are one GL_POINTS layer whose positions are already offset into their
// grid cells, so the whole matrix is a handful of draw calls whatever the number of heads.
//
// Level of detail (render/lod.ts): the first load fetches one layout message per model layer (a
// few at a time) at a sample of tokens sized to the cells' pixels, the point budget and the
// server's response limit (a 413 halves the sample). Zoomed in, the visible layers are fetched
// again with more points; those detail chunks live in an LRU bounded by bytes, so the browser
// keeps the base sample of every layer plus a bounded amount of detail, however far one wanders.
// A layout still being computed is read with partial=true (the heads that are done; the others
// hatched) and refreshed as heads finish (refresh()).
import type { LayersList, PickingInfo, Position } from '@deck.gl/core';
import { SourceError, type LayoutDesc, type Role } from '../api/source';
import type { CellRect } from '../debug';
import { ByteLru } from '../data/lru';
import { drawCells } from '../render/cells';
import {
  chunkBytes, makeChunk, makeLevel, normsOfChunk, placeChunk, pointOf, searchPointsOf, sizeChunk, updateData, type Chunk, type Level,
} from '../render/chunk';
import { dimUnmatched, normColors, tokenColors } from '../render/coloring';
import type { Pick, ScenePart, ScreenFrame } from '../render/deck';
import { CELL, PAD, matrixScale, project, visibleLayers } from '../render/grid';
import { cloudLayer, ringLayer, type HeadPoint } from '../render/layers';
import { detailLevel, limitPerRole, perRoleFor } from '../render/lod';
import { themeColors } from '../render/theme';
import { focusIndex, type AppModel, type Changed } from '../state/store';
import { anyChanged, type MatrixLookup, type SceneContext, type View } from './view';

export const POINT_BUDGET = 1_500_000; // points drawn in the matrix (all visible layers) at most
export const DETAIL_BYTES = 160 << 20; // JS memory of the zoomed-in detail chunks, at most
const FETCH_CONCURRENCY = 4;
const REFINE_DELAY = 300; // ms after the camera stops before fetching detail

/** What the matrix needs to know of the atlas to load a layout. */
export interface MatrixShape {
  n_layers: number;
  n_heads: number;
  n_tokens: number;
  /** the server's response limit (bytes), when known */
  limits?: { response_bytes: number };
}

export class MatrixView implements View, ScenePart, MatrixLookup {
  private base: (Chunk | null)[] = [];
  private detail: ByteLru<number, Chunk>;
  private levels = new Map<number, Promise<Level>>();
  private colorsOf = new Map<number, Uint8Array>();
  private m = 0;
  private layout: LayoutDesc | null = null;
  private shape: MatrixShape | null = null;
  private partial = false;
  private loadId = 0;
  private completePending = false;
  private searchCache: { key: string; pts: HeadPoint[] } | null = null;
  private mounted = false;
  private refineTimer = 0;
  private refining = false;
  private refineAgain = false;
  /** the level wanted for the visible layers (the base level when zoomed out) */
  private want = 0;
  /** points per role that one layer request may carry (the server's limit) */
  private limitM = Infinity;

  /** `progress(f)`: fraction f of the layout loaded (0 when done); `budget`: points drawn at most. */
  constructor(private ctx: SceneContext, private progress: (f: number) => void = () => {}, private budget = POINT_BUDGET, detailBytes = DETAIL_BYTES) {
    this.detail = new ByteLru<number, Chunk>(detailBytes, () => (this.searchCache = null));
  }

  mount(): void {
    this.mounted = true;
    this.ctx.renderer.add(this);
  }

  unmount(): void {
    this.mounted = false;
    this.loadId++;
    clearTimeout(this.refineTimer);
    this.detail.clear();
    this.ctx.renderer.remove(this);
  }

  update(changed: Changed<AppModel>): void {
    const grid = changed.has('grid') ? this.ctx.store.get().grid : null;
    if (grid) for (const c of this.allChunks()) { placeChunk(c, grid); updateData(c); this.searchCache = null; }
    if (changed.has('color')) void this.recolor();
    if (changed.has('size')) void this.resize();
    if (anyChanged(changed, 'foundMask', 'tokens')) {
      this.colorsOf.clear();
      for (const c of this.allChunks()) this.colorChunk(c);
    }
  }

  /** points per role per head in the matrix (the base level) */
  get perRole(): number {
    return this.m;
  }

  /** Every layer is drawn (layout loaded; a layout being computed: the heads done so far). */
  get complete(): boolean {
    return this.base.length > 0 && this.base.every((c) => c);
  }

  /** The matrix draws a sample of the tokens (at its base level). */
  get sampled(): boolean {
    return !!this.shape && this.m < this.shape.n_tokens;
  }

  /** Heads drawn (a layout being computed draws those done). */
  get headsDrawn(): number {
    return this.base.reduce((k, c) => k + (c ? c.heads.length : 0), 0);
  }

  private chunkOf(layer: number): Chunk | null {
    const d = this.want > this.m ? this.detail.peek(layer) : undefined;
    return d ?? this.base[layer] ?? null;
  }

  private allChunks(): Chunk[] {
    return [...this.base.filter((c): c is Chunk => c !== null), ...this.detail.values()];
  }

  /** The sample of m tokens per role (fetched once per level). */
  private level(m: number): Promise<Level> {
    const n = this.shape!.n_tokens;
    let p = this.levels.get(m);
    if (!p) {
      p = m >= n ? Promise.resolve(makeLevel(n, null, n)) : this.ctx.source.sample(m).then((rows) => makeLevel(m, rows, n));
      this.levels.set(m, p);
      p.catch(() => this.levels.delete(m));
    }
    return p;
  }

  /**
   * Fetch layout `layout` of every layer (a few requests at a time) and build the point layers.
   * Requests start at once; chunks are built when `ready` (token table, info and grid) resolves.
   * `partial`: the layout is still being computed (draw the heads done). Frames are drawn as data
   * streams in only when loading is slow. Resolves false when superseded or failed.
   */
  async load(layout: LayoutDesc, shape: MatrixShape, ready: Promise<unknown> = Promise.resolve(), opts: { partial?: boolean } = {}): Promise<boolean> {
    const { debug, renderer } = this.ctx;
    const t0 = performance.now();
    const n = shape.n_tokens;
    this.layout = layout;
    this.shape = shape;
    this.partial = !!opts.partial;
    this.levels.clear();
    this.colorsOf.clear();
    this.detail.clear();
    this.limitM = limitPerRole(shape.limits?.response_bytes, shape.n_heads, layout.dim);
    const [w, h] = renderer.size();
    const cellPx = matrixScale(shape.n_layers, shape.n_heads, w, h) * (CELL - 2 * PAD);
    let m = perRoleFor({ nTokens: n, cellPx, budget: this.budget, heads: shape.n_layers * shape.n_heads, limitPerRole: this.limitM });
    for (let attempt = 0; ; attempt++) {
      const id = ++this.loadId; // each attempt: requests of an abandoned one are dropped
      this.m = this.want = m;
      this.completePending = false;
      this.base = new Array(shape.n_layers).fill(null);
      this.searchCache = null;
      try {
        const bytes = await this.fetchAll(id, layout, shape, m, ready, t0);
        if (id !== this.loadId) return false;
        const points = this.headsDrawn * 2 * m;
        debug.bytes = { layout: bytes, points, perPoint: points ? bytes / points : 0, sample: m < n ? m : null };
        debug.timings.layout = performance.now() - t0;
        break;
      } catch (e) {
        if (id !== this.loadId) return false;
        if (e instanceof SourceError && e.status === 413 && m > 1 && attempt < 12) {
          m = Math.max(1, Math.floor(m / 2)); // over the server's response limit: ask for a smaller sample
          this.limitM = Math.min(this.limitM, m);
          continue;
        }
        this.ctx.actions.status(`Could not load the layout: ${(e as Error).message}`, true);
        return false;
      }
    }
    this.progress(0);
    this.reportLod();
    this.completePending = true;
    if (this.mounted) {
      renderer.render();
      this.ctx.actions.refreshPanel(); // the wire size
    }
    return true;
  }

  /** Every layer at `m` points per role; returns the bytes fetched. */
  private async fetchAll(id: number, layout: LayoutDesc, shape: MatrixShape, m: number, ready: Promise<unknown>, t0: number): Promise<number> {
    const live = () => id === this.loadId;
    const level = await this.level(m);
    let bytes = 0, done = 0;
    this.progress(0);
    const queue = Array.from({ length: shape.n_layers }, (_, i) => i);
    const worker = async () => {
      while (queue.length && live()) {
        const layer = queue.shift()!;
        const c = await this.fetchChunk(layout, layer, level, ready);
        if (!c || !live()) return;
        bytes += c.bytes;
        this.base[layer] = c.chunk;
        done++;
        this.progress(done / shape.n_layers);
        if (performance.now() - t0 > 1200 && done < shape.n_layers) this.ctx.renderer.renderSoon(500);
      }
    };
    await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, shape.n_layers) }, worker));
    return bytes;
  }

  /** One layer's chunk at `level`, coloured and sized (null when superseded). */
  private async fetchChunk(layout: LayoutDesc, layer: number, level: Level, ready: Promise<unknown> = Promise.resolve()): Promise<{ chunk: Chunk; bytes: number } | null> {
    const id = this.loadId, shape = this.shape!;
    const sample = level.m < shape.n_tokens ? level.m : null;
    const block = await this.ctx.source.layout(layout.name, { layer, sample, ...(this.partial ? { partial: true } : {}) });
    await ready;
    if (id !== this.loadId) return null;
    const chunk = makeChunk(layer, shape.n_heads, block, level, this.ctx.store.get().grid, this.partial && block.heads.length < shape.n_heads);
    const s = this.ctx.store.get();
    if (s.color === 'norm' || s.size) await this.loadNorms(chunk);
    if (id !== this.loadId) return null;
    this.colorChunk(chunk, false);
    sizeChunk(chunk, s.size);
    updateData(chunk);
    return { chunk, bytes: block.bytes };
  }

  /**
   * A layout being computed gained heads: fetch again the layers that lack some (all of them
   * without partial=true once `complete`). Resolves when drawn.
   */
  async refresh(complete: boolean): Promise<void> {
    if (!this.layout || !this.shape || !this.base.some((c) => !c || c.partial)) return;
    const id = this.loadId, layout = this.layout;
    const todo = this.base.map((c, layer) => (!c || c.partial ? layer : -1)).filter((l) => l >= 0);
    if (complete) this.partial = false;
    const level = await this.level(this.m);
    for (const layer of todo) {
      let got: { chunk: Chunk } | null;
      try {
        got = await this.fetchChunk(layout, layer, level);
      } catch {
        continue; // the next poll tries again
      }
      if (!got || id !== this.loadId) return;
      this.base[layer] = got.chunk;
      this.detail.delete(layer);
    }
    this.searchCache = null;
    this.ctx.debug.layoutHeads = this.headsDrawn;
    this.ctx.renderer.render();
  }

  private colorChunk(c: Chunk, update = true): void {
    const s = this.ctx.store.get();
    const P = 2 * c.level.m;
    if (s.color === 'norm') {
      if (!c.norms) {
        c.colors.fill(160);
      } else {
        for (let h = 0; h < c.heads.length; h++) normColors(c.norms.subarray(h * P, (h + 1) * P), c.colors, h * P);
        dimUnmatched(c.colors, c.heads.length, P, s.foundMask, c.level.rows);
      }
    } else if (s.tokens) {
      let base = this.colorsOf.get(c.level.m);
      if (!base) {
        base = tokenColors(s.color, s.tokens, c.level.rows)!;
        dimUnmatched(base, 1, P, s.foundMask, c.level.rows);
        this.colorsOf.set(c.level.m, base);
      }
      for (let h = 0; h < c.heads.length; h++) c.colors.set(base, h * P * 4);
    }
    if (update) updateData(c);
  }

  private async loadNorms(c: Chunk): Promise<void> {
    const sample = c.level.m < this.shape!.n_tokens ? c.level.m : null;
    c.norms = normsOfChunk(c, await this.ctx.source.norms({ layer: c.layer, sample }), this.shape!.n_heads);
  }

  private async ensureNorms(): Promise<void> {
    const id = this.loadId;
    await Promise.all(this.allChunks().map((c) => (c.norms ? null : this.loadNorms(c))));
    if (id !== this.loadId) throw new Error('superseded');
  }

  private async recolor(): Promise<void> {
    this.colorsOf.clear();
    if (this.ctx.store.get().color === 'norm') {
      try {
        await this.ensureNorms();
      } catch {
        return;
      }
    }
    for (const c of this.allChunks()) this.colorChunk(c);
    this.ctx.renderer.render();
  }

  private async resize(): Promise<void> {
    const size = this.ctx.store.get().size;
    if (size) {
      try {
        await this.ensureNorms();
      } catch {
        return;
      }
    }
    for (const c of this.allChunks()) { sizeChunk(c, size); updateData(c); }
    this.ctx.renderer.render();
  }

  // ---- level of detail when zoomed in -------------------------------------------------------------
  viewChanged(): void {
    clearTimeout(this.refineTimer);
    this.refineTimer = setTimeout(() => void this.refine(), REFINE_DELAY) as unknown as number;
  }

  /** Fetch the visible layers with more points when their cells are large enough to show them. */
  private async refine(): Promise<void> {
    const shape = this.shape, layout = this.layout;
    if (!shape || !layout || !this.complete) return;
    if (this.refining || this.ctx.renderer.transitioning) {
      this.refineAgain = true; // after the fetch (or the camera transition) in progress
      if (!this.refining) this.viewChanged();
      return;
    }
    this.refineAgain = false;
    const { renderer } = this.ctx, grid = this.ctx.store.get().grid;
    if (!grid || renderer.mode3d) return;
    const layers = visibleLayers(grid, renderer.view2d, ...renderer.size()), cellPx = renderer.scale * (CELL - 2 * PAD);
    if (!layers.length) return;
    const n = shape.n_tokens;
    const want = perRoleFor({ nTokens: n, cellPx, budget: this.budget, heads: layers.length * shape.n_heads, limitPerRole: this.limitM });
    const level = detailLevel(want, this.m, Math.min(n, this.limitM));
    const before = this.want;
    this.want = level;
    if (level <= this.m) {
      if (before > this.m) this.ctx.renderer.render();
      this.reportLod();
      return;
    }
    const id = this.loadId;
    this.refining = true;
    try {
      const lv = await this.level(level);
      const keep = new Set(layers);
      for (const layer of layers) {
        const have = this.detail.get(layer);
        if (have && have.level.m >= level) continue;
        const got = await this.fetchChunk(layout, layer, lv);
        if (!got || id !== this.loadId || this.want !== level || this.refineAgain) break; // the view moved on
        this.detail.set(layer, got.chunk, chunkBytes(got.chunk), keep);
        this.searchCache = null;
        this.ctx.renderer.render();
      }
    } catch (e) {
      if (e instanceof SourceError && e.status === 413) this.limitM = Math.max(this.m, Math.floor(level / 2)); // try less
      else this.ctx.debug.errors.push(`detail: ${(e as Error).message}`);
    } finally {
      this.refining = false;
      this.reportLod();
    }
    if (id === this.loadId && (this.refineAgain || this.want !== level || level > this.limitM)) this.viewChanged();
  }

  private reportLod(): void {
    this.ctx.debug.lod = {
      perRole: this.m, want: this.want, limitPerRole: Number.isFinite(this.limitM) ? this.limitM : null,
      detail: this.detail.keys().map((layer) => ({ layer, m: this.detail.peek(layer)!.level.m })),
      baseBytes: this.base.reduce((k, c) => k + (c ? chunkBytes(c) : 0), 0), detailBytes: this.detail.bytes, detailBudget: this.detail.budget,
    };
    this.ctx.debug.layoutHeads = this.headsDrawn;
  }

  // ---- geometry ------------------------------------------------------------------------------
  /** World position of a token's point (role) in head `index` as the matrix draws it. */
  worldOf(index: number, row: number, role: Role): Position | null {
    const info = this.ctx.store.get().info;
    if (!info) return null;
    const c = this.chunkOf(Math.floor(index / info.n_heads));
    return c ? pointOf(c, index, row, role === 'key') : null;
  }

  /** The matrix draws head `index` with a sample of its tokens (or not at all). */
  sampledAt(index: number): boolean {
    const info = this.ctx.store.get().info;
    if (!info) return true;
    const c = this.chunkOf(Math.floor(index / info.n_heads));
    return !c || c.level.rows !== null || !c.heads.includes(index);
  }

  fullCoords(index: number): { coords: Uint16Array; bounds: Float32Array; dim: number } | null {
    const info = this.ctx.store.get().info;
    if (!info) return null;
    const c = this.chunkOf(Math.floor(index / info.n_heads));
    if (!c || c.level.rows) return null;
    const h = c.heads.indexOf(index), P = 2 * c.level.m, dim = c.dim;
    if (h < 0) return null;
    return { coords: c.coords.subarray(h * P * dim, (h + 1) * P * dim), bounds: c.bounds.subarray(h * dim * 2, (h + 1) * dim * 2), dim };
  }

  /** Head `index`'s points in [0, 1]^2 (for thumbnails of heads), or null before it is loaded. */
  cloud(index: number): { local: Float32Array; m: number } | null {
    const info = this.ctx.store.get().info;
    if (!info) return null;
    const c = this.base[Math.floor(index / info.n_heads)];
    const h = c ? c.heads.indexOf(index) : -1;
    if (!c || h < 0) return null;
    const P = 2 * c.level.m;
    return { local: c.local.subarray(h * P * 2, (h + 1) * P * 2), m: c.level.m };
  }

  /** Page rectangles of every cell (empty in 3-D). */
  cellRects(): CellRect[] {
    const { renderer } = this.ctx, grid = this.ctx.store.get().grid;
    if (!grid || renderer.mode3d) return [];
    const [w, h] = renderer.size();
    const r = renderer.rect();
    const vs = renderer.view2d;
    return grid.slots.map((s) => {
      const [x0, y0] = project(vs, w, h, s.x, s.y);
      const [x1, y1] = project(vs, w, h, s.x + CELL, s.y + CELL);
      return { layer: s.layer, head: s.head, row: s.row, col: s.col, x: r.left + x0, y: r.top + y0, width: x1 - x0, height: y1 - y0 };
    });
  }

  // ---- scene ---------------------------------------------------------------------------------
  layers(): LayersList {
    const s = this.ctx.store.get();
    if (!s.info || !s.grid || this.ctx.renderer.mode3d) return [];
    const layers: LayersList = [];
    for (let i = 0; i < this.base.length; i++) {
      const c = this.chunkOf(i);
      if (c) layers.push(cloudLayer(`points-${i}`, c.data));
    }
    // search matches: ringed in every head (the focused head rings its own, at full resolution)
    if (s.found && s.found.rows.length) {
      layers.push(ringLayer('search-points', this.searchPoints(), themeColors(s.theme).ring, { scale: 1.8, minPixels: 1.8, maxPixels: 7 }));
    }
    return layers;
  }

  private searchPoints(): HeadPoint[] {
    const s = this.ctx.store.get();
    const skip = s.view !== 'matrix' ? focusIndex(s) : -1;
    const rows = s.found!.rows;
    const key = [rows.length, s.search, s.regex, s.layout, skip, this.base.filter(Boolean).length, this.want].join('|');
    if (this.searchCache?.key !== key) {
      const chunks = this.base.map((_, layer) => this.chunkOf(layer)).filter((c): c is Chunk => c !== null);
      this.searchCache = { key, pts: searchPointsOf(chunks, rows, skip, 200000) };
    }
    return this.searchCache.pts;
  }

  pick(info: PickingInfo): Pick | null {
    const id = info.layer!.id;
    if (id.startsWith('points-')) {
      const c = this.chunkOf(Number(id.slice(7)));
      if (!c) return null;
      const m = c.level.m, P = 2 * m;
      const h = Math.floor(info.index / P), i = info.index % P;
      const si = i % m;
      return { index: c.heads[h], row: c.level.rows ? c.level.rows[si] : si, role: i < m ? 'query' : 'key' };
    }
    if (id === 'search-points') {
      const d = info.object as HeadPoint | undefined;
      if (d) return { index: d.index, row: d.row, role: d.role };
    }
    return null;
  }

  afterRender(): void {
    if (!this.completePending || !this.complete) return;
    // make sure the GPU has drawn it (SwiftShader / real GPU), then signal "matrix complete"
    try {
      this.ctx.renderer.sync();
    } catch {
      /* ignore */
    }
    this.completePending = false;
    const debug = this.ctx.debug;
    debug.renderedAt = performance.now();
    debug.ready = true;
    window.dispatchEvent(new CustomEvent('qkatlas:matrix-complete', { detail: { renderedAt: debug.renderedAt } }));
  }

  /** The cells: background (tinted by a head metric or label), border, caption, axes. */
  drawUnder(g: CanvasRenderingContext2D, f: ScreenFrame): void {
    const s = this.ctx.store.get();
    const info = s.info;
    if (!info) return;
    const missing = (i: number) => {
      const c = this.base[Math.floor(i / info.n_heads)];
      return !!c && c.partial && !c.heads.includes(i);
    };
    this.ctx.debug.axes = drawCells(g, f, s, s.view !== 'matrix' ? focusIndex(s) : -1, missing);
  }
}
