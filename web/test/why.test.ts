// "Why this head attends" (views/why-panel.ts) over the fake source: what it asks for, the pair a
// selection stands for, the colours it gives the head's points, and a source without the methods.
import { describe, expect, it } from 'vitest';
import { HeadView } from '../src/views/head';
import { MatrixView } from '../src/views/matrix';
import { WhyPanel, componentColors, pairOf, valueColors } from '../src/ui/why-panel';
import { N_HEADS, N_LAYERS, N_TOKENS, SEQ_LEN } from './fake-source';
import { setup } from './scene';

const SHAPE = { n_layers: N_LAYERS, n_heads: N_HEADS, n_tokens: N_TOKENS };

describe('why panel helpers', () => {
  it('pairs a query with its most attended key, and a key with the query attending it most', () => {
    const w = Float32Array.from([0.1, 0.6, 0.3]);
    expect(pairOf(10, 'query', w, 9)).toEqual({ query: 10, key: 10 });
    expect(pairOf(11, 'key', w, 9)).toEqual({ query: 10, key: 11 });
    expect(pairOf(10, 'query', null, 9)).toBeNull();
  });

  it('colours scores on a diverging scale: signs apart, zero grey, strength by |score|', () => {
    const c = componentColors(Float32Array.from([-4, 0, 4, 1]), 4);
    const rgb = (i: number) => Array.from(c.slice(i * 4, i * 4 + 3));
    expect(rgb(0)[2]).toBeGreaterThan(rgb(0)[0]); // negative: blue
    expect(rgb(2)[0]).toBeGreaterThan(rgb(2)[2]); // positive: red
    expect(rgb(1)[0]).toBe(rgb(1)[2]); // zero: grey
    expect(Math.abs(rgb(3)[0] - rgb(3)[2])).toBeLessThan(Math.abs(rgb(2)[0] - rgb(2)[2]));
    expect(c[3]).toBeGreaterThan(0);
  });

  it('colours ||v|| on one ramp for a token\'s query and key alike, low and high apart', () => {
    const c = valueColors(Uint8Array.from([0, 255, 0, 255]));
    expect(Array.from(c.slice(0, 4))).toEqual(Array.from(c.slice(8, 12)));
    expect(Array.from(c.slice(0, 3))).not.toEqual(Array.from(c.slice(4, 7)));
  });
});

describe('why panel data', () => {
  it('loads components and top sequences once per head, then colours by a component or ||v||', async () => {
    const { ctx, src, log } = await setup();
    let recolored = 0;
    const why = new WhyPanel({ ...ctx, recolor: () => recolored++ });
    expect(why.available).toBe(true);
    await why.load(5);
    await why.load(5);
    expect(src.calls.map((c) => [c.method, ...c.args])).toEqual([['components', 1, 2], ['topSequences', 1, 2]]);
    expect(log).toContain('refreshPanel');
    expect(why.colors(5)).toBeNull();
    await why.setColor('c1');
    expect(src.calls.at(-1)).toEqual({ method: 'componentScores', args: [1, 2, 1] });
    const c = why.colors(5)!;
    expect(c.length).toBe(2 * N_TOKENS * 4);
    expect(c[2]).toBeLessThan(c[0]); // first query: small positive score, reddish
    const k = (2 * N_TOKENS - 1) * 4; // last key: the most negative score, blue
    expect(c[k + 2]).toBeGreaterThan(c[k]);
    expect(why.colorKey).toBe('5|c1');
    expect(why.colors(4)).toBeNull(); // another head: its own colours
    await why.setColor('v');
    expect(src.calls.at(-1)).toEqual({ method: 'valueNorms', args: [1, 2] });
    expect(why.colors(5)).not.toBeNull();
    await why.setColor('');
    expect(why.colors(5)).toBeNull();
    expect(recolored).toBe(3);
    await why.load(4); // a new head keeps the choice but loads its own colours
    expect(why.colorKey).toBe('');
  });

  it('is absent for a source without the optional methods', async () => {
    const { ctx, src } = await setup();
    const bare = Object.create(src) as typeof src;
    for (const m of ['components', 'topSequences', 'contributions', 'componentScores', 'valueNorms'] as const) {
      Object.defineProperty(bare, m, { value: undefined });
    }
    const why = new WhyPanel({ ...ctx, source: bare, recolor: () => {} });
    expect(why.available).toBe(false);
    await why.load(1);
    expect(src.calls.length).toBe(0);
  });

  it('the head view draws its own points in the component colours, even when the matrix holds the head', async () => {
    const { ctx, store, src } = await setup();
    const m = new MatrixView(ctx);
    m.mount();
    await m.load({ name: 'pca-2d', method: 'pca', dim: 2 }, SHAPE);
    store.set({ view: 'head', layer: 1, head: 2 });
    const head = new HeadView(ctx, m);
    head.mount();
    await head.show(1 * N_HEADS + 2, false, true);
    await new Promise((r) => setTimeout(r, 0));
    expect(src.count('components')).toBe(1);
    const ids = () => head.layers().map((l) => (l && typeof l === 'object' && 'id' in l ? l.id : null));
    expect(ids()).not.toContain('focus-points'); // the matrix draws it
    await head['why'].setColor('c0');
    expect(ids()).toContain('focus-points');
    store.set({ token: SEQ_LEN + 2, role: 'query' });
    await head.syncAttention();
    const a = head.attention()!;
    expect(pairOf(SEQ_LEN + 2, 'query', a.weights, a.start)).toEqual({ query: SEQ_LEN + 2, key: SEQ_LEN + 3 });
  });
});
