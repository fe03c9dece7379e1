// Matrix view: every head of every layer in one grid, each cell its joint query/key scatterplot.
// Each model layer's heads are one GL_POINTS layer whose positions are already offset into their
// grid cells, so the whole matrix is a handful of draw calls whatever the number of heads.
// Loads one layout message per model layer (a few at a time), at most POINT_BUDGET points in
// all (a level-of-detail sample of tokens beyond that). Also draws the cells (tint, borders,
// captions) below the points and the search matches ringed in every head.
import type { LayersList, PickingInfo, Position } from '@deck.gl/core';
import type { LayoutDesc, Role } from '../api/source';
import type { CellRect } from '../debug';
import { dimUnmatched, normColors, tokenColors } from '../render/coloring';
import { RAMPS, rampColor, scale01 } from '../render/colors';
import type { Pick, ScenePart, ScreenFrame } from '../render/deck';
import { CELL, PAD, localPositions, project, slotOfHead, type Slot } from '../render/grid';
import { RADIUS, binaryPoints, cloudLayer, ringLayer, type BinaryPoints, type HeadPoint } from '../render/layers';
import { blend, cssColor, themeColors, type RGBA } from '../render/theme';
import { focusIndex, type AppModel, type Changed } from '../state/store';
import { anyChanged, type MatrixLookup, type SceneContext, type View } from './view';

export const POINT_BUDGET = 1_500_000; // points drawn in the matrix before level-of-detail sampling
const FETCH_CONCURRENCY = 4;

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
  data: BinaryPoints;
}

export class MatrixView implements View, ScenePart, MatrixLookup {
  private chunks: (Chunk | null)[] = [];
  private m = 0;
  /** token rows of the level-of-detail sample (null: every token is drawn) */
  sampleRows: Uint32Array | null = null;
  private sampleIndex: Int32Array | null = null;
  private baseColors: Uint8Array | null = null;
  private loadId = 0;
  private completePending = false;
  private searchCache: { key: string; pts: HeadPoint[] } | null = null;
  private mounted = false;

  /** `progress(f)`: fraction f of the layout loaded (0 when done); `budget`: points drawn at most. */
  constructor(private ctx: SceneContext, private progress: (f: number) => void = () => {}, private budget = POINT_BUDGET) {}

  mount(): void {
    this.mounted = true;
    this.ctx.renderer.add(this);
  }

  unmount(): void {
    this.mounted = false;
    this.loadId++;
    this.ctx.renderer.remove(this);
  }

  update(changed: Changed<AppModel>): void {
    if (changed.has('grid')) for (const c of this.chunks) if (c) this.placeChunk(c);
    if (changed.has('color')) void this.recolor();
    if (changed.has('size')) void this.resize();
    if (anyChanged(changed, 'foundMask', 'tokens')) {
      this.baseColors = null;
      for (const c of this.chunks) if (c) this.colorChunk(c);
    }
  }

  /** points per role per head in the matrix */
  get perRole(): number {
    return this.m;
  }

  /** Every head is drawn (layout fully loaded). */
  get complete(): boolean {
    return this.chunks.length > 0 && this.chunks.every((c) => c);
  }

  /**
   * Fetch layout `layout` of every layer (a few requests at a time) and build the point layers.
   * Requests start at once; chunks are built when `ready` (token table, info and grid) resolves.
   * Frames are drawn as data streams in only when loading is slow (big atlases): every frame
   * redraws every point, which costs on software GL. Resolves false when superseded or failed.
   */
  async load(layout: LayoutDesc, shape: { n_layers: number; n_heads: number; n_tokens: number }, ready: Promise<unknown> = Promise.resolve()): Promise<boolean> {
    const id = ++this.loadId;
    const { debug, renderer, source } = this.ctx;
    const t0 = performance.now();
    const total = shape.n_layers * shape.n_heads;
    const n = shape.n_tokens;
    const m = Math.min(n, Math.max(16, Math.floor(this.budget / (2 * total))));
    this.m = m;
    this.sampleRows = null;
    this.sampleIndex = null;
    this.completePending = false;
    const live = () => id === this.loadId;
    try {
      if (m < n) {
        const rows = await source.sample(m);
        if (!live()) return false;
        this.sampleRows = rows;
        this.sampleIndex = new Int32Array(n).fill(-1);
        rows.forEach((r, i) => (this.sampleIndex![r] = i));
      }
      this.baseColors = null;
      this.chunks = new Array(shape.n_layers).fill(null);
      this.searchCache = null;
      let bytes = 0, done = 0;
      this.progress(0);
      const queue = Array.from({ length: shape.n_layers }, (_, i) => i);
      const worker = async () => {
        while (queue.length) {
          const layer = queue.shift()!;
          const block = await source.layout(layout.name, { layer, sample: m < n ? m : null });
          if (!live()) return;
          bytes += block.bytes;
          await ready;
          if (!live()) return;
          const chunk = this.makeChunk(layer, block.heads.map(([l, h]) => l * shape.n_heads + h), block.coords, block.bounds, block.dim, block.perRole);
          const s = this.ctx.store.get();
          if (s.color === 'norm' || s.size) await this.loadNorms(chunk);
          if (!live()) return;
          this.colorChunk(chunk, false);
          this.sizeChunk(chunk, false);
          this.updateData(chunk);
          this.chunks[layer] = chunk;
          done++;
          this.progress(done / shape.n_layers);
          if (performance.now() - t0 > 1200 && done < shape.n_layers) renderer.renderSoon(500);
        }
      };
      await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, shape.n_layers) }, worker));
      if (!live()) return false;
      this.progress(0);
      const points = total * 2 * m;
      debug.bytes = { layout: bytes, points, perPoint: bytes / points, sample: m < n ? m : null };
      debug.timings.layout = performance.now() - t0;
    } catch (e) {
      if (live()) this.ctx.actions.status(`Could not load the layout: ${(e as Error).message}`, true);
      return false;
    }
    this.completePending = true;
    if (this.mounted) {
      renderer.render();
      this.ctx.actions.refreshPanel(); // the wire size
    }
    return true;
  }

  private makeChunk(layer: number, heads: number[], coords: Uint16Array, bounds: Float32Array, dim: number, m: number): Chunk {
    const H = heads.length, P = 2 * m;
    const local = new Float32Array(H * P * 2);
    for (let h = 0; h < H; h++) localPositions(coords, h * P, P, dim, bounds.subarray(h * dim * 2, (h + 1) * dim * 2), local, h * P * 2);
    const positions = new Float32Array(H * P * 2), colors = new Uint8Array(H * P * 4);
    const chunk: Chunk = { layer, heads, m, dim, coords, bounds, local, positions, colors, radii: null, norms: null, data: binaryPoints(positions, 2, colors) };
    this.placeChunk(chunk, false);
    return chunk;
  }

  /** World positions of a chunk's points from their cells (after a sort or a load). */
  private placeChunk(c: Chunk, update = true): void {
    const grid = this.ctx.store.get().grid;
    if (!grid) return;
    const P = 2 * c.m, inner = CELL - 2 * PAD;
    for (let h = 0; h < c.heads.length; h++) {
      const s = slotOfHead(grid, c.heads[h]);
      const ox = s.x + PAD, oy = s.y + PAD;
      const o = h * P * 2;
      for (let i = 0; i < P; i++) {
        c.positions[o + i * 2] = ox + c.local[o + i * 2] * inner;
        c.positions[o + i * 2 + 1] = oy + (1 - c.local[o + i * 2 + 1]) * inner;
      }
    }
    this.searchCache = null;
    if (update) this.updateData(c);
  }

  private colorChunk(c: Chunk, update = true): void {
    const s = this.ctx.store.get();
    const P = 2 * c.m;
    if (s.color === 'norm') {
      if (!c.norms) {
        c.colors.fill(160);
      } else {
        for (let h = 0; h < c.heads.length; h++) normColors(c.norms.subarray(h * P, (h + 1) * P), c.colors, h * P);
        dimUnmatched(c.colors, c.heads.length, P, s.foundMask, this.sampleRows);
      }
    } else if (s.tokens) {
      if (!this.baseColors) {
        const base = tokenColors(s.color, s.tokens, this.sampleRows)!;
        dimUnmatched(base, 1, P, s.foundMask, this.sampleRows);
        this.baseColors = base;
      }
      for (let h = 0; h < c.heads.length; h++) c.colors.set(this.baseColors, h * P * 4);
    }
    if (update) this.updateData(c);
  }

  private sizeChunk(c: Chunk, update = true): void {
    if (!this.ctx.store.get().size || !c.norms) {
      c.radii = null;
    } else {
      const r = new Float32Array(c.norms.length);
      for (let i = 0; i < r.length; i++) r[i] = RADIUS * (0.3 + (1.6 * c.norms[i]) / 255);
      c.radii = r;
    }
    if (update) this.updateData(c);
  }

  /** New data object: deck.gl re-uploads the attributes. */
  private updateData(c: Chunk): void {
    c.data = binaryPoints(c.positions, 2, c.colors, c.radii);
  }

  private async loadNorms(c: Chunk): Promise<void> {
    const block = await this.ctx.source.norms({ layer: c.layer, sample: this.sampleRows ? this.m : null });
    c.norms = block.norms;
  }

  private async ensureNorms(): Promise<void> {
    const id = this.loadId;
    await Promise.all(this.chunks.map((c) => (c && !c.norms ? this.loadNorms(c) : null)));
    if (id !== this.loadId) throw new Error('superseded');
  }

  private async recolor(): Promise<void> {
    this.baseColors = null;
    if (this.ctx.store.get().color === 'norm') {
      try {
        await this.ensureNorms();
      } catch {
        return;
      }
    }
    for (const c of this.chunks) if (c) this.colorChunk(c);
    this.ctx.renderer.render();
  }

  private async resize(): Promise<void> {
    if (this.ctx.store.get().size) {
      try {
        await this.ensureNorms();
      } catch {
        return;
      }
    }
    for (const c of this.chunks) if (c) this.sizeChunk(c);
    this.ctx.renderer.render();
  }

  // ---- geometry ------------------------------------------------------------------------------
  /** World position of a token's point (role) in head `index` as the matrix draws it. */
  worldOf(index: number, row: number, role: Role): Position | null {
    const info = this.ctx.store.get().info;
    if (!info) return null;
    const c = this.chunks[Math.floor(index / info.n_heads)];
    if (!c) return null;
    const si = this.sampleIndex ? this.sampleIndex[row] : row;
    if (si < 0) return null;
    const h = c.heads.indexOf(index), P = 2 * c.m;
    const p = h * P + (role === 'key' ? c.m : 0) + si;
    return [c.positions[p * 2], c.positions[p * 2 + 1]];
  }

  get sampled(): boolean {
    return this.sampleRows !== null;
  }

  fullCoords(index: number): { coords: Uint16Array; bounds: Float32Array; dim: number } | null {
    const info = this.ctx.store.get().info;
    if (!info || this.sampleRows) return null;
    const c = this.chunks[Math.floor(index / info.n_heads)];
    if (!c) return null;
    const h = c.heads.indexOf(index), P = 2 * c.m, dim = c.dim;
    return { coords: c.coords.subarray(h * P * dim, (h + 1) * P * dim), bounds: c.bounds.subarray(h * dim * 2, (h + 1) * dim * 2), dim };
  }

  /** Head `index`'s points in [0, 1]^2 (for thumbnails of heads), or null before it is loaded. */
  cloud(index: number): { local: Float32Array; m: number } | null {
    const info = this.ctx.store.get().info;
    if (!info) return null;
    const c = this.chunks[Math.floor(index / info.n_heads)];
    if (!c) return null;
    const h = c.heads.indexOf(index), P = 2 * c.m;
    return { local: c.local.subarray(h * P * 2, (h + 1) * P * 2), m: c.m };
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
    this.chunks.forEach((c, i) => {
      if (c) layers.push(cloudLayer(`points-${i}`, c.data));
    });
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
    const key = [rows.length, s.search, s.regex, s.layout, skip, this.chunks.filter(Boolean).length].join('|');
    if (this.searchCache?.key === key) return this.searchCache.pts;
    const pts: HeadPoint[] = [];
    const limit = 200000;
    outer: for (const c of this.chunks) {
      if (!c) continue;
      for (const index of c.heads) {
        if (index === skip) continue;
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
    this.searchCache = { key, pts };
    return pts;
  }

  pick(info: PickingInfo): Pick | null {
    const id = info.layer!.id;
    if (id.startsWith('points-')) {
      const c = this.chunks[Number(id.slice(7))];
      if (!c) return null;
      const P = 2 * c.m;
      const h = Math.floor(info.index / P), i = info.index % P;
      const si = i % c.m;
      return { index: c.heads[h], row: this.sampleRows ? this.sampleRows[si] : si, role: i < c.m ? 'query' : 'key' };
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

  /** The cells: background (tinted by a head metric or label), border, caption. */
  drawUnder(g: CanvasRenderingContext2D, f: ScreenFrame): void {
    const s = this.ctx.store.get();
    const grid = s.grid;
    if (!s.info || !grid || f.mode3d) return;
    const th = themeColors(s.theme);
    const vs = f.view, w = f.width, h = f.height;
    const cellPx = 2 ** (vs.zoom ?? 0);
    const focusIdx = s.view !== 'matrix' ? focusIndex(s) : -1;
    const labelTint = s.tint === 'label' && s.heads;
    const sorted = s.sort !== 'layer';
    const fontPx = Math.min(12, Math.max(9, cellPx / 10));
    g.font = `${fontPx}px system-ui, Helvetica, Arial, sans-serif`;
    g.textBaseline = 'bottom';
    for (const slot of grid.slots) {
      const [x0, y0] = project(vs, w, h, slot.x, slot.y);
      const sz = cellPx * CELL;
      if (x0 > w || y0 > h + 20 || x0 + sz < 0 || y0 + sz < -20) continue;
      g.fillStyle = cssColor(this.cellColor(slot, cellPx));
      g.fillRect(x0, y0, sz, sz);
      const row = s.heads ? s.heads.row(slot.index) : -1;
      const border: number[] = slot.index === focusIdx ? th.accent : labelTint && row >= 0 ? [...s.heads!.labelColor(s.heads!.label(row)), 255] : th.cellLine;
      g.strokeStyle = cssColor(border);
      g.lineWidth = slot.index === focusIdx || labelTint ? 2 : 1;
      g.strokeRect(x0 + 0.5, y0 + 0.5, sz - 1, sz - 1);
      if (cellPx >= 34) {
        let text = '';
        if (sorted || cellPx >= 60) {
          text = `L${slot.layer} H${slot.head}`;
          if (labelTint && row >= 0 && cellPx >= 110) text += ` \u00b7 ${s.heads!.label(row)}`;
        } else if (slot.row === 0 && slot.col === 0) text = 'L0 H0';
        else if (slot.col === 0) text = `L${slot.layer}`;
        else if (slot.row === 0) text = `H${slot.head}`;
        if (text) {
          g.fillStyle = cssColor(th.muted);
          g.fillText(text, x0 + 1, y0 - 2);
        }
      }
    }
  }

  private cellColor(slot: Slot, cellPx: number): RGBA {
    const s = this.ctx.store.get();
    const th = themeColors(s.theme);
    const heads = s.heads, tint = s.tint;
    if (!heads || tint === 'none') return th.cell;
    const row = heads.row(slot.index);
    if (row < 0) return th.cell;
    const strong = cellPx < 300; // lighter tint when one head fills the view
    if (tint === 'label') return blend(th.cell, heads.labelColor(heads.label(row)), strong ? 0.28 : 0.1);
    const name = tint.slice(7);
    const col = heads.column(name);
    if (!col) return th.cell;
    const [lo, hi] = heads.metricExtent(name);
    const v = col[row];
    if (typeof v !== 'number' || !Number.isFinite(v)) return th.cell;
    return blend(th.cell, rampColor(RAMPS.viridis, scale01(v, lo, hi)), strong ? 0.45 : 0.15);
  }
}
