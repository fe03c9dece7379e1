// QKB1 binary messages from the qkatlas server (see qkatlas/server/wire.py):
//   "QKB1" | uint32 LE header length | JSON header (padded to 8) | arrays (each 8-byte aligned)
// Arrays are returned as typed-array views of the response buffer (no copy).

export type TypedArray =
  | Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export type DType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export interface WireArray<T extends TypedArray = TypedArray> {
  data: T;
  shape: number[];
}

/** The JSON `meta` of a message: endpoint-specific; decoders in api/decode.ts narrow it. */
export type Meta = Record<string, unknown>;

export interface Message {
  meta: Meta;
  arrays: Record<string, WireArray>;
}

interface ArraySpec {
  dtype: DType;
  shape: number[];
  offset: number;
  nbytes: number;
}

interface Header {
  meta?: Meta;
  arrays: Record<string, ArraySpec>;
}

type TypedArrayCtor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray;
  readonly BYTES_PER_ELEMENT: number;
};

const CTORS: Record<DType, TypedArrayCtor> = {
  uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array,
  uint32: Uint32Array, int32: Int32Array, float32: Float32Array, float64: Float64Array,
};

export const MAGIC = 'QKB1';
/** Quantisation levels of coordinates: uint16 in each head's bounding box. */
export const QMAX = 65535;

function isDType(s: unknown): s is DType {
  return typeof s === 'string' && s in CTORS;
}

export function parseMessage(buf: ArrayBuffer): Message {
  if (buf.byteLength < 8) throw new Error('short message');
  const head = new Uint8Array(buf, 0, 4);
  if (String.fromCharCode(...head) !== MAGIC) throw new Error('not a QKB1 message');
  const hlen = new DataView(buf).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 8, hlen))) as Header;
  const base = 8 + hlen;
  const arrays: Record<string, WireArray> = {};
  for (const [name, spec] of Object.entries(header.arrays ?? {})) {
    if (!isDType(spec.dtype)) throw new Error(`array ${name}: unknown dtype ${String(spec.dtype)}`);
    const Ctor = CTORS[spec.dtype];
    const count = spec.nbytes / Ctor.BYTES_PER_ELEMENT;
    arrays[name] = { data: new Ctor(buf, base + spec.offset, count), shape: spec.shape };
  }
  return { meta: header.meta ?? {}, arrays };
}

function dtypeOf(a: TypedArray): DType {
  const d = (Object.keys(CTORS) as DType[]).find((k) => a instanceof CTORS[k]);
  if (!d) throw new Error('unsupported typed array');
  return d;
}

/** Encode a message (the inverse of parseMessage; used by tests, fake sources and tools). */
export function encodeMessage(arrays: Record<string, WireArray>, meta: Meta = {}): ArrayBuffer {
  const specs: Record<string, ArraySpec> = {};
  let offset = 0;
  for (const [name, a] of Object.entries(arrays)) {
    specs[name] = { dtype: dtypeOf(a.data), shape: a.shape, offset, nbytes: a.data.byteLength };
    offset += a.data.byteLength + ((8 - (a.data.byteLength % 8)) % 8);
  }
  let header = new TextEncoder().encode(JSON.stringify({ meta, arrays: specs }));
  const pad = (8 - ((8 + header.length) % 8)) % 8;
  const padded = new Uint8Array(header.length + pad).fill(32);
  padded.set(header);
  header = padded;
  const out = new ArrayBuffer(8 + header.length + offset);
  const bytes = new Uint8Array(out);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out).setUint32(4, header.length, true);
  bytes.set(header, 8);
  for (const [name, a] of Object.entries(arrays)) {
    bytes.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), 8 + header.length + specs[name].offset);
  }
  return out;
}

/** A coordinate back from its uint16 code in the head's bounds [lo, hi]. */
export function dequantize(q: number, lo: number, hi: number): number {
  return lo + (q / QMAX) * (hi - lo);
}

/** Quantise like the server does (used by tests). */
export function quantize(x: number, lo: number, hi: number): number {
  const span = hi > lo ? hi - lo : 1;
  return Math.max(0, Math.min(QMAX, Math.round(((x - lo) / span) * QMAX)));
}
