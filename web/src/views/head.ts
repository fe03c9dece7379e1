// Head view: one head zoomed to fill the stage, in the same Deck as the matrix (its neighbours
// stay visible around it). Draws the head at full resolution when the matrix shows a sample of it or
// thumbnails are on, switches the Deck to an orbit view for 3-D layouts, and shows the selected
// token: its sequence ringed, lines to its top attended tokens, token labels that do not
// overlap. Its side-panel sections (metrics, label, similar heads) are in views/head-panel.ts.
import type { LayersList, PickingInfo, Position } from '@deck.gl/core';
import type { ImageRef, Role } from '../api/source';
import type { HeadInfo, SimilarHead } from '../api/types';
import { topWeights } from '../data/attention';
import { showToken } from '../data/tokens';
import { dimUnmatched, tokenColors } from '../render/coloring';
import type { Pick, ScenePart, ScreenFrame } from '../render/deck';
import { CELL, PAD, fitCell, localPositions, positions3d, slotOfHead } from '../render/grid';
import {
  attentionLinesLayer, binaryPoints, cloudLayer, ringLayer, selectedPointLayer, thumbLayer, type AttentionLine, type HeadPoint,
} from '../render/layers';
import { themeColors } from '../render/theme';
import { TokenLabels, type LabelRequest } from '../render/token-labels';
import { focusIndex, headOf, selectionOf, type AppModel, type Changed, type Selection } from '../state/store';
import type { SelectionAttention } from '../ui/panels';
import { headSections } from './head-panel';
import { WhyPanel } from '../ui/why-panel';
import { anyChanged, type MatrixLookup, type SceneContext, type View } from './view';

interface Focus {
  index: number;
  n: number;
  dim: number;
  local: Float32Array; // 2n points, [0,1]^2
  pos3d: Float32Array | null; // 2n points, unit cube
  world: Float32Array | null; // 2n points in the head's cell (cached for worldKey)
  worldKey: string;
}

interface Attention {
  key: string;
  index: number;
  sel: Selection;
  weights: Float32Array | null;
  error: string;
}

export class HeadView implements View, ScenePart {
  private focus: Focus | null = null;
  private att: Attention | null = null;
  private attLoading: Promise<void> | null = null;
  private attWanted = '';
  private similar: SimilarHead[] | null = null;
  private similarError = '';
  /** the head's attention terms, label, metrics, fidelity (GET /head), and why not */
  private headInfo: HeadInfo | null = null;
  private headInfoError = '';
  private labels: TokenLabels;
  private showId = 0;
  private colorCache: { key: string; colors: Uint8Array } | null = null;
  private sprite: ImageRef | null = null;
  private lineTargets: { row: number; weight: number }[] = [];
  private memos = new Map<string, { key: string; value: unknown }>();
  /** bumped for each head loaded (its positions are new) */
  private layoutId = 0;
  private why: WhyPanel; // why the head attends: components, contributions, top sequences

  constructor(private ctx: SceneContext, private matrix: MatrixLookup) {
    this.labels = new TokenLabels(ctx.renderer);
    this.why = new WhyPanel({ ...ctx, recolor: () => ctx.renderer.render() });
  }

  mount(): void {
    this.ctx.renderer.add(this);
    if (this.ctx.store.get().thumbs) this.loadSprite();
  }

  unmount(): void {
    this.showId++;
    this.labels.cancel();
    this.ctx.renderer.remove(this);
    if (this.ctx.renderer.mode3d) this.leave3d();
    this.ctx.debug.labels = 0;
    this.ctx.debug.lines = 0;
    this.ctx.debug.similar = null;
  }

  update(changed: Changed<AppModel>): void {
    if (changed.has('thumbs') && this.ctx.store.get().thumbs) this.loadSprite();
    if (anyChanged(changed, 'token', 'role')) void this.syncAttention();
    if (changed.has('heads') && this.focus) void this.loadSimilar(this.focus.index);
    if (anyChanged(changed, 'found', 'token', 'role', 'view')) this.scheduleLabels();
  }

  /** The head on show (its index), or -1 while none is loaded. */
  get shown(): number {
    return this.focus?.index ?? -1;
  }

  /** Forget the loaded head (a new layout): the next show() fetches it again. */
  reset(): void {
    this.showId++;
    if (this.ctx.renderer.mode3d) this.leave3d();
    this.focus = null;
  }

  /**
   * Zoom to head `index`: move the camera (animated: longer from the matrix) while its points
   * load, switch to the orbit view for a 3-D layout, then load the selection's attention, the
   * similar heads and the labels. Resolves when done (or superseded).
   */
  async show(index: number, animate: boolean, fromMatrix: boolean): Promise<void> {
    const id = ++this.showId;
    const { renderer, store } = this.ctx;
    const grid = store.get().grid;
    if (!grid) return;
    this.similar = null;
    this.similarError = '';
    void this.loadHeadInfo(index);
    void this.why.load(index);
    const load = this.loadFocus(index);
    if (renderer.mode3d && this.focus?.index !== index) this.leave3d();
    if (!renderer.mode3d) {
      const [w, h] = renderer.size();
      const target = fitCell(grid, index, w, h);
      await new Promise<void>((resolve) => renderer.setViewState({ ...target, minZoom: -4, maxZoom: 16 }, animate ? (fromMatrix ? 650 : 350) : 0, resolve));
    }
    try {
      await load;
    } catch (e) {
      if (id === this.showId) this.ctx.actions.status(`Could not load head: ${(e as Error).message}`, true);
      return;
    }
    if (id !== this.showId || focusIndex(store.get()) !== index) return;
    if (this.focus?.dim === 3 && !renderer.mode3d) this.enter3d();
    await this.syncAttention();
    if (id !== this.showId) return;
    renderer.render();
    this.ctx.actions.refreshPanel();
    void this.loadSimilar(index);
    this.scheduleLabels();
  }

  private async loadFocus(index: number): Promise<void> {
    if (this.focus?.index === index) return;
    const s = this.ctx.store.get();
    const info = s.info!;
    const [layer, head] = headOf(index, info.n_heads);
    const n = info.n_tokens;
    let coords: Uint16Array, bounds: Float32Array, dim: number;
    const held = this.matrix.fullCoords(index);
    if (held) {
      ({ coords, bounds, dim } = held);
    } else {
      const block = await this.ctx.source.layout(s.layout!, { layer, head });
      ({ coords, bounds, dim } = block);
    }
    const local = new Float32Array(2 * n * 2);
    localPositions(coords, 0, 2 * n, dim, bounds, local, 0);
    const pos3d = dim === 3 ? positions3d(coords, 0, 2 * n, bounds) : null;
    this.focus = { index, n, dim, local, pos3d, world: null, worldKey: '' };
    this.colorCache = null;
    this.layoutId++;
  }

  private enter3d(): void {
    const [w, h] = this.ctx.renderer.size();
    this.ctx.renderer.enterOrbit({ target: [0, 0, 0], rotationX: 15, rotationOrbit: 30, zoom: Math.log2(Math.min(w, h) / 1.35), minZoom: 0, maxZoom: 14 });
    this.ctx.renderer.render();
  }

  private leave3d(): void {
    const { renderer, store } = this.ctx;
    const grid = store.get().grid;
    const [w, h] = renderer.size();
    renderer.leaveOrbit(grid ? { ...fitCell(grid, focusIndex(store.get()), w, h), minZoom: -4, maxZoom: 16 } : { target: [0, 0, 0], zoom: 0 });
  }

  // ---- attention of the selected token ---------------------------------------------------------
  /** Load the selected token's attention in the head on show (once per head, token and role). */
  syncAttention(): Promise<void> {
    const s = this.ctx.store.get();
    const sel = selectionOf(s), f = this.focus;
    if (!sel || !f) {
      this.att = null;
      this.attWanted = '';
      return Promise.resolve();
    }
    const key = `${f.index}/${sel.row}/${sel.role}`;
    if (key === this.attWanted && this.attLoading) return this.attLoading;
    if (key === this.att?.key) return Promise.resolve();
    this.attWanted = key;
    const [layer, head] = headOf(f.index, s.info!.n_heads);
    const t0 = performance.now();
    const run = async () => {
      let att: Attention;
      try {
        const a = await this.ctx.source.tokenAttention(layer, head, sel.row, sel.role);
        att = { key, index: f.index, sel, weights: a.weights, error: '' };
        this.ctx.debug.timings.attention = performance.now() - t0;
      } catch (e) {
        att = { key, index: f.index, sel, weights: null, error: (e as Error).message };
      }
      if (this.attWanted !== key) return;
      this.att = att;
      this.attLoading = null;
      this.ctx.renderer.render();
      this.ctx.actions.refreshPanel();
      this.scheduleLabels();
    };
    this.attLoading = run();
    return this.attLoading;
  }

  /** The selection's attention in this head, for the side panel. */
  attention(): SelectionAttention | null {
    const sel = selectionOf(this.ctx.store.get());
    const a = this.att;
    if (!sel || !a || a.sel.row !== sel.row || a.sel.role !== sel.role) return null;
    return { weights: a.weights, start: a.sel.start, targets: this.lineTargets, error: a.error };
  }

  // ---- similar heads ---------------------------------------------------------------------------
  private async loadSimilar(index: number): Promise<void> {
    const s = this.ctx.store.get();
    if (!s.heads) {
      this.similar = null;
      this.similarError = s.headsError || 'head metrics unavailable';
      this.ctx.actions.refreshPanel();
      return;
    }
    const [layer, head] = headOf(index, s.info!.n_heads);
    try {
      const res = await this.ctx.source.similar(layer, head, 6);
      if (focusIndex(this.ctx.store.get()) !== index) return;
      this.similar = res.heads;
      this.similarError = '';
    } catch (e) {
      this.similar = null;
      this.similarError = (e as Error).message;
    }
    this.ctx.actions.refreshPanel();
  }

  /** The head's terms beyond q.k, label, metrics and fidelity (a source without `headInfo`: none). */
  private async loadHeadInfo(index: number): Promise<void> {
    const { source, store } = this.ctx;
    this.headInfo = null;
    this.headInfoError = '';
    if (!source.headInfo) return;
    const [layer, head] = headOf(index, store.get().info!.n_heads);
    try {
      const h = await source.headInfo(layer, head);
      if (focusIndex(store.get()) !== index) return;
      this.headInfo = h;
    } catch (e) {
      this.headInfoError = (e as Error).message;
    }
    this.ctx.debug.headInfo = this.headInfo ? { layer, head, beyondQk: this.headInfo.beyond_qk, analysisError: this.headInfo.analysis_error } : null;
    this.ctx.actions.refreshPanel();
  }

  /** Side-panel sections: the head's metrics and label, similar heads, buttons. */
  panel(): HTMLElement {
    const s = this.ctx.store.get();
    const el = headSections({
      info: s.info!, heads: s.heads, headsError: s.headsError, index: focusIndex(s), selected: s.token !== null && selectionOf(s) !== null,
      similar: this.similar, similarError: this.similarError, headInfo: this.headInfo, headInfoError: this.headInfoError, layout: s.layout ?? '', cloud: (i) => this.matrix.cloud(i), actions: this.ctx.actions,
    });
    this.ctx.debug.similar = this.similar ? this.similar.length : null;
    const a = this.attention();
    el.append(this.why.panel(a?.weights ?? null, a?.start ?? 0) ?? '');
    return el;
  }

  // ---- geometry ------------------------------------------------------------------------------------
  /** World position of a token's point (role) in the head on show (full resolution), or null. */
  worldOf(row: number, role: Role): Position | null {
    const f = this.focus;
    if (!f) return null;
    const i = (role === 'key' ? f.n : 0) + row;
    if (this.ctx.renderer.mode3d) {
      if (!f.pos3d) return null;
      return [f.pos3d[i * 3], f.pos3d[i * 3 + 1], f.pos3d[i * 3 + 2]];
    }
    const grid = this.ctx.store.get().grid;
    if (!grid) return null;
    const slot = slotOfHead(grid, f.index);
    const inner = CELL - 2 * PAD;
    return [slot.x + PAD + f.local[i * 2] * inner, slot.y + PAD + (1 - f.local[i * 2 + 1]) * inner];
  }

  /** World positions of the head's points (full resolution) in its cell, cached per cell. */
  private focusWorld(): Float32Array {
    const f = this.focus!, n = f.n;
    const slot = slotOfHead(this.ctx.store.get().grid!, f.index), inner = CELL - 2 * PAD;
    const key = `${slot.x},${slot.y}`;
    if (f.world && f.worldKey === key) return f.world;
    const ox = slot.x + PAD, oy = slot.y + PAD;
    const pos = new Float32Array(2 * n * 2);
    for (let i = 0; i < 2 * n; i++) {
      pos[i * 2] = ox + f.local[i * 2] * inner;
      pos[i * 2 + 1] = oy + (1 - f.local[i * 2 + 1]) * inner;
    }
    f.world = pos;
    f.worldKey = key;
    return pos;
  }

  // ---- scene ---------------------------------------------------------------------------------
  layers(): LayersList {
    const s = this.ctx.store.get();
    const f = this.focus, info = s.info;
    if (!f || !info || f.index !== focusIndex(s) || s.view === 'matrix') {
      this.ctx.debug.lines = 0;
      return [];
    }
    const mode3d = this.ctx.renderer.mode3d;
    const layers: LayersList = [];
    const thumbs = s.thumbs && info.thumbnails && this.sprite;
    if (mode3d) {
      if (!f.pos3d) return [];
      layers.push(thumbs ? thumbLayer(f.pos3d, 3, f.n, info.thumbnails!, this.sprite!) : this.pointsLayer(f.pos3d, 3));
    } else if (this.matrix.sampledAt(f.index) || s.thumbs || this.why.colorKey) {
      const pos = this.focusWorld();
      layers.push(thumbs ? thumbLayer(pos, 2, f.n, info.thumbnails!, this.sprite!) : this.pointsLayer(pos, 2));
    }
    if (s.found && s.found.rows.length) layers.push(this.searchLayer(s.found.rows));
    layers.push(...this.selectionLayers());
    return layers;
  }

  /**
   * Layer data, kept while its key is unchanged: deck.gl re-uploads (and redraws every point,
   * costly on software GL) whenever a layer's data is a new object.
   */
  private memo<T>(name: string, key: string, make: () => T): T {
    const m = this.memos.get(name);
    if (m && m.key === key) return m.value as T;
    const value = make();
    this.memos.set(name, { key, value });
    return value;
  }

  /** What the world positions of the head's points depend on. */
  private placeKey(): string {
    const f = this.focus!, grid = this.ctx.store.get().grid;
    const slot = grid ? slotOfHead(grid, f.index) : null;
    return `${f.index}|${this.ctx.renderer.mode3d}|${slot?.x},${slot?.y}|${this.layoutId}`;
  }

  private pointsLayer(pos: Float32Array, size: number) {
    const colors = this.colors();
    return cloudLayer('focus-points', this.memo('points', `${this.placeKey()}|${this.colorCache?.key}`, () => binaryPoints(pos, size, colors)));
  }

  private colors(): Uint8Array {
    const s = this.ctx.store.get();
    const n = this.focus!.n;
    const key = `${s.color}|${s.search}|${s.regex}|${s.found?.rows.length}|${this.focus?.index}|${this.why.colorKey}`;
    if (this.colorCache?.key === key) return this.colorCache.colors;
    let colors: Uint8Array;
    const why = this.why.colors(this.focus!.index);
    if (why && why.length === 2 * n * 4) dimUnmatched((colors = why.slice()), 1, 2 * n, s.foundMask, null);
    else if (s.color === 'norm') {
      colors = new Uint8Array(2 * n * 4).fill(160);
    } else {
      colors = tokenColors(s.color, s.tokens!, null)!;
      dimUnmatched(colors, 1, 2 * n, s.foundMask, null);
    }
    this.colorCache = { key, colors };
    return colors;
  }

  private searchLayer(rows: Uint32Array) {
    const f = this.focus!;
    const pts = this.memo('search', `${this.placeKey()}|${rows.length}|${rows[0]}|${rows[rows.length - 1]}`, () => {
      const out: HeadPoint[] = [];
      for (let k = 0; k < rows.length; k++) {
        for (const role of ['query', 'key'] as Role[]) {
          const w = this.worldOf(rows[k], role);
          if (w) out.push({ position: w, index: f.index, row: rows[k], role });
        }
      }
      return out;
    });
    return ringLayer('focus-search-points', pts, themeColors(this.ctx.store.get().theme).ring, { scale: 1.8, minPixels: 1.8, maxPixels: 7 });
  }

  private selectionLayers(): LayersList {
    const s = this.ctx.store.get();
    const sel = selectionOf(s), f = this.focus!;
    const debug = this.ctx.debug;
    debug.lines = 0;
    this.lineTargets = [];
    if (!sel) {
      debug.lineTargets = [];
      return [];
    }
    const th = themeColors(s.theme);
    const index = f.index;
    const place = this.placeKey();
    const pts = this.memo('sequence', `${place}|${sel.start}|${sel.n}`, () => {
      const out: HeadPoint[] = [];
      for (let j = 0; j < sel.n; j++) {
        for (const role of ['query', 'key'] as Role[]) {
          const w = this.worldOf(sel.start + j, role);
          if (w) out.push({ position: w, index, row: sel.start + j, role });
        }
      }
      return out;
    });
    const me = this.memo('me', `${place}|${sel.row}|${sel.role}`, () => this.worldOf(sel.row, sel.role));
    const a = this.att;
    const current = !!(me && a && a.weights && a.index === index && a.sel.row === sel.row && a.sel.role === sel.role);
    const lines = this.memo('lines', `${place}|${current ? a!.key : ''}`, () => {
      const out: AttentionLine[] = [];
      if (!current) return out;
      const weights = a!.weights!;
      const top = topWeights(weights, 8, 0.9, 0.02);
      const wmax = Math.max(...top.map((j) => weights[j]), 1e-9);
      const other: Role = sel.role === 'query' ? 'key' : 'query';
      for (const j of top) {
        const t = this.worldOf(sel.start + j, other);
        if (t) out.push({ source: me!, target: t, w: weights[j] / wmax, row: sel.start + j });
      }
      return out;
    });
    this.lineTargets = lines.map((l) => ({ row: l.row, weight: l.w }));
    debug.lines = lines.length;
    debug.lineTargets = this.lineTargets;
    const layers: LayersList = [
      ringLayer('seq-points', pts, th.ring, { scale: 1.7, minPixels: 2.5, maxPixels: 8, trigger: s.theme }),
      attentionLinesLayer(lines, th.accent),
    ];
    if (me) layers.push(selectedPointLayer(me, sel.role, th.accent));
    return layers;
  }

  pick(info: PickingInfo): Pick | null {
    const id = info.layer!.id, f = this.focus;
    if (!f) return null;
    if (id === 'focus-points' || id === 'thumbs') {
      const i = info.index;
      return { index: f.index, row: i % f.n, role: i < f.n ? 'query' : 'key' };
    }
    if (id === 'seq-points' || id === 'focus-search-points') {
      const d = info.object as HeadPoint | undefined;
      if (d) return { index: d.index, row: d.row, role: d.role };
    }
    return null;
  }

  viewChanged(): void {
    this.scheduleLabels();
  }

  private loadSprite(): void {
    if (this.sprite || !this.ctx.store.get().info?.thumbnails) return;
    this.ctx.source.thumbnails().then((ref) => {
      this.sprite = ref;
      this.ctx.renderer.render();
    }, (e: Error) => this.ctx.actions.status(`Could not load thumbnails: ${e.message}`, true));
  }

  // ---- token labels without overlap ---------------------------------------------------------
  scheduleLabels(): void {
    this.labels.schedule(() => this.labelRequest(), (count) => (this.ctx.debug.labels = count));
  }

  /** Labels of the selection, its top attended tokens, search matches, and others when zoomed in. */
  private labelRequest(): LabelRequest | null {
    const s = this.ctx.store.get();
    const f = this.focus, renderer = this.ctx.renderer;
    if (!f || !s.info || !s.tokens || s.view === 'matrix' || renderer.transitioning) return null;
    const tok = s.tokens, n = f.n, sel = selectionOf(s), targets = this.lineTargets;
    return {
      n,
      worldOf: (row, role) => this.worldOf(row, role),
      text: (row) => showToken(tok.token(row), 20),
      candidates: (add) => {
        if (sel) {
          add(sel.row, sel.role, 1000);
          targets.forEach((t) => add(t.row, sel.role === 'query' ? 'key' : 'query', 500 + t.weight * 100));
          for (let j = 0; j < sel.n; j++) add(sel.start + j, sel.role, 100 - j * 0.01);
        }
        const rows = s.found?.rows ?? [];
        for (let k = 0; k < Math.min(rows.length, 400); k++) {
          add(rows[k], 'query', 50);
          add(rows[k], 'key', 49);
        }
        // a spread of other tokens when zoomed in far enough to read them
        if (renderer.scale > 500 || renderer.mode3d) {
          const step = Math.max(1, Math.floor((2 * n) / 600));
          for (let i = 0; i < 2 * n; i += step) add(i % n, i < n ? 'query' : 'key', 1 - i / (4 * n));
        }
      },
    };
  }

  drawOver(g: CanvasRenderingContext2D, f: ScreenFrame): void {
    this.labels.draw(g, f, themeColors(this.ctx.store.get().theme));
  }
}
