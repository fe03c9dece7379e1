// QKB1 messages (api/wire.ts) -> the data-source types (api/source.ts). Shared by every source
// that receives the server's binary messages: HTTP today, a widget's comm channel tomorrow.
import type {
  AggregateAttention, LayoutBlock, NormsBlock, SearchHits, SequenceAttention, TokenAttention, TokenData,
} from './source';
import type { AggregateMeta, AttentionMeta, LayoutMeta, NormsMeta, SearchMeta, TokensMeta } from './types';
import { parseMessage, type Message, type TypedArray } from './wire';

type Ctor<T extends TypedArray> = abstract new (...args: never[]) => T;

/** The message's meta as the endpoint's documented shape (api/types.ts). */
export function metaOf<T>(msg: Message): T {
  return msg.meta as T;
}

/** Array `name` of a message, checked to be of the expected typed-array class. */
export function arrayOf<T extends TypedArray>(msg: Message, name: string, ctor: Ctor<T>): T {
  const a = msg.arrays[name];
  if (!a) throw new Error(`message has no array ${JSON.stringify(name)}`);
  if (!(a.data instanceof ctor)) throw new Error(`array ${name}: unexpected type ${a.data.constructor.name}`);
  return a.data as T;
}

export function decodeTokens(msg: Message): TokenData {
  const meta = metaOf<TokensMeta>(msg);
  return {
    n: meta.n,
    columns: meta.columns.filter((c) => c.name in msg.arrays).map((c) => ({ name: c.name, kind: c.kind, data: msg.arrays[c.name].data })),
    strings: meta.strings ?? {},
  };
}

export function decodeRows(msg: Message): Uint32Array {
  return arrayOf(msg, 'rows', Uint32Array);
}

export function decodeLayout(msg: Message, bytes: number): LayoutBlock {
  const meta = metaOf<LayoutMeta>(msg);
  const shape = msg.arrays.coords?.shape ?? [];
  return {
    heads: meta.heads,
    dim: meta.dim ?? shape[2],
    perRole: meta.n_per_role ?? (shape[1] ?? 0) / 2,
    coords: arrayOf(msg, 'coords', Uint16Array),
    bounds: arrayOf(msg, 'bounds', Float32Array),
    bytes,
  };
}

export function decodeNorms(msg: Message): NormsBlock {
  const meta = metaOf<NormsMeta>(msg);
  return { heads: meta.heads, perRole: meta.n_per_role, norms: arrayOf(msg, 'norms', Uint8Array), max: arrayOf(msg, 'max', Float32Array) };
}

export function decodeTokenAttention(msg: Message): TokenAttention {
  const meta = metaOf<AttentionMeta>(msg);
  return { seq: meta.seq, start: meta.start, n: meta.n, weights: arrayOf(msg, 'attention', Float32Array) };
}

export function decodeSequenceAttention(msg: Message): SequenceAttention {
  const meta = metaOf<AttentionMeta>(msg);
  return { seq: meta.seq, start: meta.start, n: meta.n, weights: arrayOf(msg, 'attention', Float32Array) };
}

export function decodeSearch(msg: Message): SearchHits {
  const meta = metaOf<SearchMeta>(msg);
  return { rows: decodeRows(msg), nTokens: meta.n_tokens, nSequences: meta.n_sequences, nDistinct: meta.n_distinct };
}

export function decodeAggregate(msg: Message): AggregateAttention {
  const meta = metaOf<AggregateMeta>(msg);
  const a = msg.arrays.attention;
  return { positions: meta.positions ?? a?.shape[0] ?? 0, weights: arrayOf(msg, 'attention', Float32Array) };
}

export { parseMessage };
