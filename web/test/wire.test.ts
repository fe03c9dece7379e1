import { describe, expect, it } from 'vitest';
import { QMAX, dequantize, encodeMessage, parseMessage, quantize } from '../src/api/wire';

describe('QKB1 messages', () => {
  it('round-trips typed arrays and meta', () => {
    const coords = new Uint16Array([0, 65535, 12, 40000, 7, 9]);
    const bounds = new Float32Array([-1.5, 2.5, 0, 10]);
    const buf = encodeMessage({ coords: { data: coords, shape: [1, 3, 2] }, bounds: { data: bounds, shape: [1, 2, 2] } }, { layout: 'pca-2d' });
    const m = parseMessage(buf);
    expect(m.meta.layout).toBe('pca-2d');
    expect(m.arrays.coords.shape).toEqual([1, 3, 2]);
    expect(Array.from(m.arrays.coords.data)).toEqual(Array.from(coords));
    expect(m.arrays.bounds.data).toBeInstanceOf(Float32Array);
    expect(Array.from(m.arrays.bounds.data)).toEqual(Array.from(bounds));
  });

  it('rejects other data', () => {
    expect(() => parseMessage(new TextEncoder().encode('{"error": "x"}').buffer as ArrayBuffer)).toThrow(/QKB1/);
  });

  it('reads a message packed by the Python server (same layout)', () => {
    // header: {"meta":{"n":2},"arrays":{"a":{"dtype":"uint16","shape":[2],"offset":0,"nbytes":4}}} padded to 8
    const header = '{"meta":{"n":2},"arrays":{"a":{"dtype":"uint16","shape":[2],"offset":0,"nbytes":4}}}';
    const pad = (8 - ((8 + header.length) % 8)) % 8;
    const h = header + ' '.repeat(pad);
    const buf = new ArrayBuffer(8 + h.length + 8);
    const b = new Uint8Array(buf);
    b.set(new TextEncoder().encode('QKB1'));
    new DataView(buf).setUint32(4, h.length, true);
    b.set(new TextEncoder().encode(h), 8);
    new DataView(buf).setUint16(8 + h.length, 513, true);
    new DataView(buf).setUint16(8 + h.length + 2, 65535, true);
    const m = parseMessage(buf);
    expect(m.meta.n).toBe(2);
    expect(Array.from(m.arrays.a.data)).toEqual([513, 65535]);
  });
});

describe('quantisation', () => {
  it('decodes codes to the head bounds', () => {
    expect(dequantize(0, -2, 6)).toBe(-2);
    expect(dequantize(QMAX, -2, 6)).toBe(6);
    expect(dequantize(QMAX / 2, -2, 6)).toBeCloseTo(2, 6);
  });

  it('has an error of at most half a step', () => {
    const lo = -3.3, hi = 7.9, step = (hi - lo) / QMAX;
    for (let i = 0; i <= 1000; i++) {
      const x = lo + ((hi - lo) * i) / 1000;
      expect(Math.abs(dequantize(quantize(x, lo, hi), lo, hi) - x)).toBeLessThanOrEqual(step / 2 + 1e-12);
    }
    expect(quantize(lo - 1, lo, hi)).toBe(0);
    expect(quantize(hi + 1, lo, hi)).toBe(QMAX);
  });
});
