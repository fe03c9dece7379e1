import { describe, expect, it } from 'vitest';
import { RAMPS, extent, hexToRgb, hsvToRgb, rampColor, rampTable, scale01 } from '../src/render/colors';
import { legendFor, tokenColors } from '../src/render/coloring';
import { decodeTokens } from '../src/api/decode';
import { TokenTable } from '../src/data/tokens';

describe('colour ramps', () => {
  it('hits the end stops and interpolates between them', () => {
    const r = RAMPS.viridis;
    expect(rampColor(r, 0)).toEqual(r[0]);
    expect(rampColor(r, 1)).toEqual(r[r.length - 1]);
    expect(rampColor(r, -5)).toEqual(r[0]);
    expect(rampColor(r, 9)).toEqual(r[r.length - 1]);
    const mid = rampColor([[0, 0, 0], [200, 100, 50]], 0.5);
    expect(mid).toEqual([100, 50, 25]);
    expect(rampColor(r, NaN)).toEqual([128, 128, 128]);
  });

  it('queries and keys have separate ramps that go light to dark', () => {
    const lum = (c: number[]) => 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2];
    for (const name of ['queries', 'keys']) {
      expect(lum(rampColor(RAMPS[name], 0))).toBeGreaterThan(lum(rampColor(RAMPS[name], 1)));
    }
    expect(rampColor(RAMPS.queries, 0.5)).not.toEqual(rampColor(RAMPS.keys, 0.5));
  });

  it('builds lookup tables, converts hex and hsv', () => {
    const t = rampTable(RAMPS.grey, 3);
    expect(Array.from(t.slice(0, 3))).toEqual(RAMPS.grey[0]);
    expect(hexToRgb('#1f77b4')).toEqual([31, 119, 180]);
    expect(hsvToRgb(0, 1, 1)).toEqual([255, 0, 0]);
    expect(hsvToRgb(1 / 3, 1, 1)).toEqual([0, 255, 0]);
    expect(extent([3, NaN, -1, 8])).toEqual([-1, 8]);
    expect(scale01(5, 0, 10)).toBe(0.5);
    expect(scale01(5, 3, 3)).toBe(0.5);
  });
});

function table(): TokenTable {
  const n = 4;
  return new TokenTable(decodeTokens({
    meta: {
      n,
      columns: [
        { name: 'seq', kind: 'int' }, { name: 'pos', kind: 'int' }, { name: 'pos_norm', kind: 'float' },
        { name: 'seq_len', kind: 'int' }, { name: 'token', kind: 'category' }, { name: 'token_len', kind: 'int' },
        { name: 'is_special', kind: 'bool' }, { name: 'is_punct', kind: 'bool' },
      ],
      strings: { token: ['[CLS]', 'the', ','] },
    },
    arrays: {
      seq: { data: new Uint8Array([0, 0, 0, 1]), shape: [n] },
      pos: { data: new Uint8Array([0, 1, 2, 0]), shape: [n] },
      pos_norm: { data: new Float32Array([0, 0.5, 1, 0]), shape: [n] },
      seq_len: { data: new Uint8Array([3, 3, 3, 1]), shape: [n] },
      token: { data: new Uint16Array([0, 1, 2, 0]), shape: [n] },
      token_len: { data: new Uint8Array([5, 3, 1, 5]), shape: [n] },
      is_special: { data: new Uint8Array([1, 0, 0, 1]), shape: [n] },
      is_punct: { data: new Uint8Array([0, 0, 1, 0]), shape: [n] },
    },
  }));
}

describe('point colours per mode', () => {
  it('colours queries then keys for every token', () => {
    const t = table();
    const c = tokenColors('role', t, null)!;
    expect(c.length).toBe(2 * 4 * 4);
    expect(Array.from(c.slice(0, 3))).not.toEqual(Array.from(c.slice(16, 19))); // query 0 vs key 0
    const pos = tokenColors('position', t, null)!;
    expect(Array.from(pos.slice(0, 3))).toEqual(rampColor(RAMPS.queries, 0));
    expect(Array.from(pos.slice(4 * 4 + 8, 4 * 4 + 11))).toEqual(rampColor(RAMPS.keys, 1)); // key of token 2
    const p = tokenColors('punct', t, new Uint32Array([0, 2]))!; // a sample of two tokens
    expect(p.length).toBe(2 * 2 * 4);
    expect(Array.from(p.slice(0, 3))).toEqual([255, 196, 0]); // special
    expect(Array.from(p.slice(4, 7))).toEqual([60, 150, 255]); // punctuation
    expect(tokenColors('norm', t, null)).toBeNull(); // per head
    expect(legendFor('role', t).items!.map((i) => i.label)).toEqual(['query', 'key']);
  });
});
