import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

describe('a message written by Python (test/fixtures/wire-python.bin)', () => {
  // `python -m qkatlas.server.wire > web/test/fixtures/wire-python.bin`; tests/server/test_wire_ts.py
  // checks that the file is what qkatlas.server.wire.example() writes today.
  const file = readFileSync(resolve(import.meta.dirname, 'fixtures/wire-python.bin'));
  const buf = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  const m = parseMessage(buf);
  const arr = (name: string) => m.arrays[name];

  it('decodes the meta (non-ASCII text, nested lists, null)', () => {
    expect(m.meta).toEqual({ layout: 'pca-2d', heads: [[0, 1], [2, 3]], text: 'na\u00efve \u2603 "quoted"', n: 3, none: null });
  });

  it('decodes every dtype into the right typed array, shape and values', () => {
    const expected: [string, unknown, number[], number[]][] = [
      ['u8', Uint8Array, [3], [0, 1, 255]],
      ['i8', Int8Array, [3], [-128, 0, 127]],
      ['u16', Uint16Array, [2, 2], [0, 513, 65535, 7]],
      ['i16', Int16Array, [3], [-32768, 32767, -1]],
      ['u32', Uint32Array, [3], [0, 4294967295, 123456789]],
      ['i32', Int32Array, [1, 3], [-2147483648, 2147483647, 0]],
      ['f64', Float64Array, [3], [Math.PI, -0, 1e300]],
    ];
    for (const [name, type, shape, values] of expected) {
      expect(arr(name).data, name).toBeInstanceOf(type);
      expect(arr(name).shape, name).toEqual(shape);
      expect(Array.from(arr(name).data), name).toEqual(values);
    }
    expect(Object.is(arr('f64').data[1], -0)).toBe(true);
    expect(Object.keys(m.arrays).sort()).toEqual(['empty', 'f32', 'f64', 'i16', 'i32', 'i8', 'u16', 'u32', 'u8']);
  });

  it('decodes float32 exactly (max finite, subnormal) and empty arrays', () => {
    const f = arr('f32').data;
    expect(f).toBeInstanceOf(Float32Array);
    expect(Array.from(f)).toEqual([0.5, -1.25, Math.fround(3.4028235e38), Math.fround(1e-45)]);
    expect(f[3]).toBeGreaterThan(0);
    expect(arr('empty').shape).toEqual([0, 2]);
    expect(arr('empty').data.length).toBe(0);
    expect(arr('empty').data).toBeInstanceOf(Float32Array);
  });

  it('views arrays 8-byte aligned in the buffer (no copies)', () => {
    for (const [name, a] of Object.entries(m.arrays)) {
      expect(a.data.buffer, name).toBe(buf);
      expect(a.data.byteOffset % 8, name).toBe(0);
    }
  });
});
