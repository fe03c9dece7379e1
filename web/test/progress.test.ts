// Progressive builds: a layout being computed offered with its progress, drawn partially and
// refreshed as heads finish; the bounded poll; a per-layer request over the server's limit.
import { describe, expect, it, vi } from 'vitest';
import type { AtlasInfo } from '../src/api/types';
import { Poller } from '../src/state/poll';
import { choiceLabel, layoutChoices, layoutLabel, progressText } from '../src/ui/layout-picker';
import { MatrixView } from '../src/views/matrix';
import { changing } from '../src/watch';
import { FakeAtlas, N_HEADS, N_LAYERS, N_TOKENS } from './fake-source';
import { setup } from './scene';

const SHAPE = { n_layers: N_LAYERS, n_heads: N_HEADS, n_tokens: N_TOKENS };
const TSNE = { name: 'tsne-2d', method: 'tsne', dim: 2 };

async function growing(): Promise<AtlasInfo> {
  const info = await new FakeAtlas().info();
  return { ...info, layout_progress: [...info.layout_progress, { ...TSNE, complete: false, heads_done: 2, heads_total: 6 }] };
}

describe('layout picker', () => {
  it('offers complete layouts and those being computed, with heads done / total', async () => {
    const info = await growing();
    const choices = layoutChoices(info);
    expect(choices.map((c) => c.name)).toEqual(['pca-2d', 'tsne-2d', 'pca-3d']);
    expect(choices.map(choiceLabel)).toEqual(['PCA 2-D', 't-SNE 2-D 2/6', 'PCA 3-D']);
    expect(layoutLabel({ name: 'attn-2d', method: 'attn', dim: 2 })).toBe('ATTN 2-D');
    expect(progressText(info)).toEqual(['tsne-2d 2/6']);
    expect(changing(info)).toBe(true);
    expect(changing(await new FakeAtlas().info())).toBe(false);
    expect(changing({ ...(await new FakeAtlas().info()), status: 'updating' })).toBe(true);
  });
});

describe('Poller', () => {
  it('polls while there is more, backs off while nothing changes, and stops at its bound', async () => {
    vi.useFakeTimers();
    try {
      const answers = [{ changed: true, more: true }, { changed: false, more: true }, { changed: false, more: true }, { changed: true, more: false }];
      const times: number[] = [];
      const p = new Poller(async () => {
        times.push(Date.now());
        return answers.shift()!;
      }, { interval: 1000, maxInterval: 2000, maxPolls: 10 });
      const t0 = Date.now();
      p.start();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(times.map((t) => t - t0)).toEqual([1000, 2000, 3500, 5500]); // 1000, 1000, 1500, 2000 (capped)
      expect(p.active).toBe(false);
      const bounded = new Poller(async () => ({ changed: false, more: true }), { interval: 100, maxInterval: 100, maxPolls: 3 });
      bounded.start();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(bounded.count).toBe(3);
      expect(bounded.active).toBe(false);
      const failing = new Poller(async () => { throw new Error('server restarting'); }, { interval: 100, maxInterval: 100, maxPolls: 2 });
      failing.start();
      await vi.advanceTimersByTimeAsync(1000);
      expect(failing.count).toBe(2); // a failed poll is retried
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('matrix of a layout being computed', () => {
  it('draws the heads done (partial=true), then fills in the rest as they finish', async () => {
    const { src, ctx, store } = await setup();
    store.set({ layout: 'tsne-2d' });
    src.done = new Set([0, 4]);
    const m = new MatrixView(ctx);
    m.mount();
    expect(await m.load(TSNE, SHAPE, Promise.resolve(), { partial: true })).toBe(true);
    expect(src.calls.filter((c) => c.method === 'layout').map((c) => c.args[1])).toEqual([{ layer: 0, sample: null, partial: true }, { layer: 1, sample: null, partial: true }]);
    expect(m.headsDrawn).toBe(2);
    expect(m.worldOf(4, 3, 'query')).not.toBeNull();
    expect(m.worldOf(1, 3, 'query')).toBeNull();
    expect(m.sampledAt(1)).toBe(true); // not drawn: the head view fetches it
    src.done = new Set([0, 1, 4]);
    src.calls = [];
    await m.refresh(false);
    expect(m.headsDrawn).toBe(3);
    expect(ctx.debug.layoutHeads).toBe(3);
    src.done = null; // complete
    src.calls = [];
    await m.refresh(true);
    expect(src.calls.filter((c) => c.method === 'layout').map((c) => c.args[1])).toEqual([{ layer: 0, sample: null }, { layer: 1, sample: null }]);
    expect(m.headsDrawn).toBe(N_LAYERS * N_HEADS);
    src.calls = [];
    await m.refresh(true); // nothing left to fetch
    expect(src.count('layout')).toBe(0);
  });

  it('asks for a smaller sample when a layer is over the server\'s response limit (413)', async () => {
    const { src, ctx } = await setup();
    src.maxPoints = N_HEADS * 2 * 10; // at most 10 tokens per role per layer
    const m = new MatrixView(ctx);
    m.mount();
    expect(await m.load({ name: 'pca-2d', method: 'pca', dim: 2 }, SHAPE)).toBe(true);
    expect(m.perRole).toBe(8); // 32 -> 16 -> 8
    expect(m.complete && m.sampled).toBe(true);
    expect(ctx.debug.errors).toEqual([]);
  });
});

describe('matrix detail when zoomed in', () => {
  it('fetches the visible layers with more points, bounded by its byte budget', async () => {
    vi.useFakeTimers();
    try {
      const { src, ctx, store } = await setup();
      const scene = ctx.renderer as unknown as { view2d: { target: number[]; zoom: number } };
      const m = new MatrixView(ctx, () => {}, 2 * N_LAYERS * N_HEADS * 16, 1 << 20);
      m.mount();
      store.subscribe((_s, changed) => m.update(changed));
      await m.load({ name: 'pca-2d', method: 'pca', dim: 2 }, SHAPE);
      expect(m.perRole).toBe(16);
      src.calls = [];
      scene.view2d = { target: [1.5, 1.7, 0], zoom: 9 }; // layer 1 fills the screen
      m.viewChanged();
      await vi.advanceTimersByTimeAsync(1000);
      expect(src.calls.filter((c) => c.method === 'layout').map((c) => c.args[1])).toEqual([{ layer: 1, sample: null }]);
      expect(ctx.debug.lod!.detail).toEqual([{ layer: 1, m: N_TOKENS }]);
      expect(m.worldOf(N_HEADS + 1, 3, 'key')).not.toBeNull(); // every token of layer 1 now
      expect(m.worldOf(1, 3, 'key')).toBeNull(); // layer 0 keeps its sample
      scene.view2d = { target: [1.5, 1.1, 0], zoom: 2 }; // back out: the base level everywhere
      m.viewChanged();
      await vi.advanceTimersByTimeAsync(1000);
      expect(m.worldOf(N_HEADS + 1, 3, 'key')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
