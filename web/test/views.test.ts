// The matrix and head views driven by a fake data source and a fake scene (no browser, no GL):
// what they request, and what they make of the answers.
import type { PickingInfo } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../src/api/source';
import { Heads } from '../src/data/heads';
import { sameLayers } from '../src/render/deck';
import type { Layer } from '@deck.gl/core';
import { CELL, slotOfHead } from '../src/render/grid';
import { HeadView } from '../src/views/head';
import { MatrixView } from '../src/views/matrix';
import { N_HEADS, N_LAYERS, N_TOKENS, SEQ_LEN } from './fake-source';
import { setup } from './scene';

function pickAt(id: string, index: number, object?: unknown): PickingInfo {
  return { layer: { id } as PickingInfo['layer'], index, picked: true, object, color: null, x: 0, y: 0, pixelRatio: 1 };
}

const LAYOUT_2D = { name: 'pca-2d', method: 'pca', dim: 2 };
const SHAPE = { n_layers: N_LAYERS, n_heads: N_HEADS, n_tokens: N_TOKENS };

describe('matrix view data loading', () => {
  it('fetches one layout block per model layer, all tokens when they fit the budget', async () => {
    const { src, ctx, scene } = await setup();
    const progress: number[] = [];
    const m = new MatrixView(ctx, (f) => progress.push(f));
    m.mount();
    expect(scene.parts).toContain(m);
    expect(await m.load(LAYOUT_2D, SHAPE)).toBe(true);
    expect(src.count('layout')).toBe(N_LAYERS);
    expect(src.count('sample')).toBe(0);
    expect(src.calls.filter((c) => c.method === 'layout').map((c) => c.args)).toEqual([
      ['pca-2d', { layer: 0, sample: null }], ['pca-2d', { layer: 1, sample: null }],
    ]);
    expect(m.complete && !m.sampled).toBe(true);
    expect(progress.at(-1)).toBe(0);
    expect(ctx.debug.bytes!.points).toBe(N_LAYERS * N_HEADS * 2 * N_TOKENS);
    expect(m.layers().map((l) => l && typeof l === 'object' && 'id' in l ? l.id : null)).toEqual(['points-0', 'points-1']);
    // the matrix holds every head at full resolution: the head view will not refetch it
    const full = m.fullCoords(1 * N_HEADS + 2)!;
    expect(full.dim).toBe(2);
    expect(full.coords.length).toBe(2 * N_TOKENS * 2);
  });

  it('draws a level-of-detail sample when the budget is small, and maps picks back to token rows', async () => {
    const { src, ctx, store } = await setup();
    const budget = 2 * N_LAYERS * N_HEADS * 16; // 16 tokens per role per head
    const m = new MatrixView(ctx, () => {}, budget);
    m.mount();
    expect(await m.load(LAYOUT_2D, SHAPE)).toBe(true);
    expect(src.calls.filter((c) => c.method === 'sample').map((c) => c.args)).toEqual([[16]]);
    expect(src.calls.filter((c) => c.method === 'layout').every((c) => (c.args[1] as { sample: number }).sample === 16)).toBe(true);
    expect(m.sampled && m.perRole === 16).toBe(true);
    expect(m.fullCoords(0)).toBeNull();
    // sampled rows have a point inside their head's cell, the others none
    const index = 1 * N_HEADS + 2, slot = slotOfHead(store.get().grid!, index);
    const p = m.worldOf(index, 2, 'key')!;
    expect(p[0]).toBeGreaterThanOrEqual(slot.x);
    expect(p[0]).toBeLessThanOrEqual(slot.x + CELL);
    expect(m.worldOf(index, 3, 'key')).toBeNull();
    // point 16 + 1 of head 2 in layer 1's chunk: the key of the 2nd sampled row (row 2)
    expect(m.pick(pickAt('points-1', 2 * (2 * 16) + 16 + 1))).toEqual({ index, row: 2, role: 'key' });
    expect(m.cellRects()).toHaveLength(N_LAYERS * N_HEADS);
  });

  it('loads norms only when a colour or size needs them', async () => {
    const { src, ctx, store } = await setup();
    const m = new MatrixView(ctx);
    m.mount();
    store.subscribe((_s, changed) => m.update(changed));
    await m.load(LAYOUT_2D, SHAPE);
    expect(src.count('norms')).toBe(0);
    store.set({ color: 'norm' });
    await new Promise((r) => setTimeout(r, 0));
    expect(src.count('norms')).toBe(N_LAYERS);
    store.set({ size: true }); // already loaded
    await new Promise((r) => setTimeout(r, 0));
    expect(src.count('norms')).toBe(N_LAYERS);
  });

  it('rebuilds equal layers when nothing changed, so the renderer can skip a redraw', async () => {
    const { ctx, store } = await setup();
    const m = new MatrixView(ctx);
    m.mount();
    store.subscribe((_s, changed) => m.update(changed));
    await m.load(LAYOUT_2D, SHAPE);
    const layers = () => m.layers() as Layer[];
    const first = layers();
    expect(sameLayers(first, layers())).toBe(true);
    store.set({ color: 'position' }); // new colours: new data
    expect(sameLayers(first, layers())).toBe(false);
    const second = layers();
    store.set({ theme: 'light' }); // no search rings: the points do not depend on the theme
    expect(sameLayers(second, layers())).toBe(true);
  });

  it('reports a failed layout in the status line', async () => {
    const { src, ctx, log } = await setup();
    src.failing.add('layout');
    const m = new MatrixView(ctx);
    m.mount();
    expect(await m.load(LAYOUT_2D, SHAPE)).toBe(false);
    expect(log).toContain('status(Could not load the layout: layout unavailable,true)');
  });
});

describe('head view data loading', () => {
  async function shown(opts: { budget?: number; layout?: string; heads?: boolean } = {}) {
    const env = await setup(opts.layout);
    const { store, ctx, src } = env;
    if (opts.heads) store.set({ heads: new Heads(await src.heads(), N_LAYERS, N_HEADS) });
    const m = new MatrixView(ctx, () => {}, opts.budget);
    m.mount();
    const layout = store.get().info!.layouts.find((l) => l.name === store.get().layout)!;
    await m.load(layout, SHAPE);
    src.calls = [];
    store.set({ view: 'head', layer: 1, head: 2 });
    const head = new HeadView(ctx, m);
    head.mount();
    store.subscribe((_s, changed) => head.update(changed));
    await head.show(1 * N_HEADS + 2, false, true);
    return { ...env, m, head };
  }

  it('reuses the matrix coordinates when it holds them, else fetches the head', async () => {
    const full = await shown();
    expect(full.src.count('layout')).toBe(0);
    expect(full.head.shown).toBe(5);
    const sampled = await shown({ budget: 2 * N_LAYERS * N_HEADS * 16 });
    expect(sampled.src.calls.filter((c) => c.method === 'layout').map((c) => c.args)).toEqual([['pca-2d', { layer: 1, head: 2 }]]);
    // every token has a point at full resolution, inside the head's cell
    const slot = slotOfHead(sampled.store.get().grid!, 5);
    for (let row = 0; row < N_TOKENS; row++) {
      for (const role of ['query', 'key'] as Role[]) {
        const p = sampled.head.worldOf(row, role)!;
        expect(p[0] >= slot.x && p[0] <= slot.x + CELL && p[1] >= slot.y && p[1] <= slot.y + CELL).toBe(true);
      }
    }
  });

  it('loads the selected token attention once and draws lines to its top keys', async () => {
    const { head, src, store, ctx } = await shown();
    store.set({ token: SEQ_LEN + 2, role: 'query' });
    await head.syncAttention();
    await head.syncAttention();
    expect(src.calls.filter((c) => c.method === 'tokenAttention').map((c) => c.args)).toEqual([[1, 2, SEQ_LEN + 2, 'query']]);
    const ids = head.layers().map((l) => (l && typeof l === 'object' && 'id' in l ? l.id : null));
    expect(ids).toEqual(['seq-points', 'attention-lines', 'selected-point']);
    expect(sameLayers(head.layers() as Layer[], head.layers() as Layer[])).toBe(true);
    const dark = head.layers() as Layer[];
    store.set({ theme: 'light' }); // rings and lines change colour
    expect(sameLayers(dark, head.layers() as Layer[])).toBe(false);
    expect(ctx.debug.lines).toBe(1);
    const att = head.attention()!;
    expect(att.start).toBe(SEQ_LEN);
    expect(att.targets).toEqual([{ row: SEQ_LEN + 3, weight: 1 }]);
  });

  it('asks for similar heads when head metrics exist, and says why not otherwise', async () => {
    const withHeads = await shown({ heads: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(withHeads.src.calls.filter((c) => c.method === 'similar').map((c) => c.args)).toEqual([[1, 2, 6]]);
    const without = await shown();
    expect(without.src.count('similar')).toBe(0);
    expect(without.log).toContain('refreshPanel');
  });

  it('asks for the head\'s terms beyond q.k and analysis state once per head shown', async () => {
    const { src, ctx } = await shown();
    await new Promise((r) => setTimeout(r, 0));
    expect(src.calls.filter((c) => c.method === 'headInfo').map((c) => c.args)).toEqual([[1, 2]]);
    expect(ctx.debug.headInfo).toEqual({ layer: 1, head: 2, beyondQk: [expect.stringContaining('ALiBi slope 0.75')], analysisError: expect.stringContaining('qkatlas analyze') });
  });

  it('switches the scene to an orbit view for a 3-D layout and back when unmounted', async () => {
    const { head, scene } = await shown({ layout: 'pca-3d' });
    expect(scene.mode3d).toBe(true);
    expect(head.worldOf(0, 'query')).toHaveLength(3);
    head.unmount();
    expect(scene.mode3d).toBe(false);
    expect(scene.parts).not.toContain(head);
  });
});
