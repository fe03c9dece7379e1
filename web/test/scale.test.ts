// The matrix at 1,000+ heads: axis labels thinned so that none overlap, the level of detail from
// the cells' pixels and the server's limit, and the byte-bounded LRU of detail blocks.
import { describe, expect, it } from 'vitest';
import { ByteLru } from '../src/data/lru';
import { axisTicks } from '../src/render/axes';
import { fitMatrix, makeGrid, matrixScale, project, visibleLayers } from '../src/render/grid';
import { DENSITY, MIN_PER_ROLE, detailLevel, limitPerRole, perRoleFor } from '../src/render/lod';

describe('axis ticks', () => {
  it('labels every row when there is room, and always the first and the last', () => {
    expect(axisTicks(6, 80, 14)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(axisTicks(1, 5, 14)).toEqual([0]);
    expect(axisTicks(0, 5, 14)).toEqual([]);
  });

  it('thins to every Nth (1, 2, 5, 10...) so that labels never overlap', () => {
    for (const count of [7, 12, 32, 33, 64, 80, 128, 1000]) {
      for (const pitch of [0.5, 2, 7, 11, 20, 23, 40]) {
        for (const label of [12, 20, 30]) {
          const t = axisTicks(count, pitch, label);
          if ((count - 1) * pitch >= label) expect(t[0] === 0 && t[t.length - 1] === count - 1, `${count} ${pitch} ${label}`).toBe(true);
          for (let i = 1; i < t.length; i++) expect((t[i] - t[i - 1]) * pitch, `${count} ${pitch} ${label}: ${t}`).toBeGreaterThanOrEqual(label);
          const steps = new Set(t.slice(1, -1).map((v, i) => v - t[i]));
          expect(steps.size <= 1).toBe(true);
          if (t.length > 2) expect([1, 2, 5, 10, 20, 50, 100, 200, 500]).toContain(t[1] - t[0]);
        }
      }
    }
    expect(axisTicks(32, 21, 30)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 31]);
    expect(axisTicks(32, 21, 13)).toHaveLength(32);
  });
});

describe('level of detail', () => {
  it('draws about DENSITY points per role per square pixel of a cell, within the budget and the limit', () => {
    expect(perRoleFor({ nTokens: 10_000, cellPx: 15, budget: 1_500_000, heads: 1024 })).toBe(Math.ceil(DENSITY * 225));
    expect(perRoleFor({ nTokens: 10_000, cellPx: 40, budget: 1_500_000, heads: 1024 })).toBe(Math.floor(1_500_000 / 2048));
    expect(perRoleFor({ nTokens: 976, cellPx: 70, budget: 1_500_000, heads: 72 })).toBe(976);
    expect(perRoleFor({ nTokens: 10_000, cellPx: 0.5, budget: 1_500_000, heads: 1024 })).toBe(MIN_PER_ROLE);
    expect(perRoleFor({ nTokens: 10_000, cellPx: 400, budget: 1e9, heads: 32, limitPerRole: 5000 })).toBe(5000);
  });

  it('fits one layer request under the server\'s response limit', () => {
    const m = limitPerRole(64 << 20, 32, 2);
    expect(32 * 2 * m * 2 * 2).toBeLessThanOrEqual(64 << 20);
    expect(32 * 2 * (m + 1) * 2 * 2).toBeGreaterThan(64 << 20);
    expect(limitPerRole(undefined, 32, 2)).toBe(Infinity);
  });

  it('snaps detail down to a few levels (base x 2^k, or all tokens)', () => {
    expect(detailLevel(100, 500, 10_000)).toBe(500);
    expect(detailLevel(999, 500, 10_000)).toBe(500);
    expect(detailLevel(2001, 500, 10_000)).toBe(2000);
    expect(detailLevel(9000, 500, 10_000)).toBe(8000);
    expect(detailLevel(10_000, 500, 10_000)).toBe(10_000);
    expect(detailLevel(9000, 500, 5120)).toBe(5120);
  });

  it('fits a 32 x 32 matrix with room for the axis labels, and finds the visible layers', () => {
    const grid = makeGrid(32, 32), w = 1070, h = 780;
    const vs = fitMatrix(grid, w, h);
    const [x0, y0] = project(vs, w, h, 0, 0);
    expect(x0).toBeGreaterThanOrEqual(30);
    expect(y0).toBeGreaterThanOrEqual(18);
    expect(2 ** vs.zoom).toBeCloseTo(matrixScale(32, 32, w, h), 6);
    expect(visibleLayers(grid, vs, w, h)).toHaveLength(32);
    expect(visibleLayers(grid, { target: [1, 1.14 * 10 + 0.5, 0], zoom: 8 }, w, h)).toEqual([9, 10, 11]);
  });
});

describe('ByteLru', () => {
  it('keeps at most its budget, dropping the least recently used first', () => {
    const dropped: string[] = [];
    const lru = new ByteLru<string, number>(100, (k) => dropped.push(k));
    lru.set('a', 1, 40);
    lru.set('b', 2, 40);
    lru.get('a'); // a is now the most recent
    lru.set('c', 3, 40);
    expect(dropped).toEqual(['b']);
    expect(lru.bytes).toBe(80);
    expect(lru.keys()).toEqual(['a', 'c']);
  });

  it('never drops the keys it is told to keep now, nor the one added', () => {
    const lru = new ByteLru<number, string>(50);
    lru.set(1, 'x', 30);
    lru.set(2, 'y', 30, new Set([1]));
    expect(lru.keys()).toEqual([1, 2]);
    expect(lru.bytes).toBe(60);
    lru.set(3, 'z', 10); // over: the oldest goes
    expect(lru.keys()).toEqual([2, 3]);
    lru.set(3, 'w', 5);
    expect(lru.bytes).toBe(35);
    lru.clear();
    expect(lru.size).toBe(0);
    expect(lru.bytes).toBe(0);
  });
});
