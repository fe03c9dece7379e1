import { describe, expect, it } from 'vitest';
import type { CompareResponse } from '../src/api/types';
import { pairsOf, rowAt, seqPosOf } from '../src/views/compare';

describe('compare view helpers', () => {
  it('maps (sequence, position) to rows and back, refusing what is not there', () => {
    const starts = [0, 5, 12], lengths = [5, 7, 3];
    expect(rowAt(starts, lengths, 1, 2)).toBe(7);
    expect(rowAt(starts, lengths, 2, 3)).toBe(-1); // past the end of the sequence
    expect(rowAt(starts, lengths, 3, 0)).toBe(-1); // no such sequence (the other atlas is shorter)
    for (const row of [0, 4, 5, 11, 12, 14]) {
      const [s, p] = seqPosOf(starts, row);
      expect(rowAt(starts, lengths, s, p)).toBe(row);
    }
  });

  it('reads the matched pairs best first', () => {
    const r = {
      a: 'x', b: 'y',
      matches: { columns: [], n: 3, data: {
        layer_a: [0, 1, 2], head_a: [0, 0, 1], layer_b: [2, 0, 1], head_b: [0, 1, 1],
        similarity: [0.5, null, 0.9], label_a: ['prev', 'x', null], label_b: ['prev', 'y', 'z'],
      } },
    } as unknown as CompareResponse;
    const p = pairsOf(r);
    expect(p.map((x) => x.similarity)).toEqual([0.9, 0.5, NaN]);
    expect(p[0]).toMatchObject({ layerA: 2, headA: 1, layerB: 1, headB: 1, labelA: '', labelB: 'z' });
  });
});

describe('compare view layout', () => {
  it('keeps the shape of a head: one scale for both axes, centred', async () => {
    const { squareXY } = await import('../src/views/compare');
    // two points per role: x spans 0..4, y spans 0..1 (a wide head)
    const coords = new Uint16Array([0, 0, 65535, 65535, 0, 65535, 65535, 0]);
    const xy = squareXY({ perRole: 2, dim: 2, coords, bounds: new Float32Array([0, 4, 0, 1]) });
    expect(xy[0]).toBe(0);
    expect(xy[2]).toBe(1);
    expect(xy[1]).toBeCloseTo(0.375); // y squeezed to a quarter, centred
    expect(xy[3]).toBeCloseTo(0.625);
  });
});
