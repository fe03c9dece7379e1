// Where the explorer's data comes from. The views and the app only ever see these interfaces:
//
//   DataSource     the list of atlases, and one AtlasSource per atlas
//   AtlasSource    one method per thing the app needs from an atlas
//
// Implementations: api/http.ts (the qkatlas server; its transport is pluggable, so a notebook
// widget can answer the same requests over its comm channel), and any other that resolves these
// promises: a static export reading binary files, a fake in tests (test/fake-source.ts).
// JSON-shaped answers use the types of api/types.ts; binary ones are decoded typed arrays.

import type {
  AtlasInfo, AtlasSummary, ColumnKind, CompareResponse, FidelityTable, HeadInfo, HeadsTable, LayoutDesc, SequencesTable, SimilarResponse,
} from './types';
import type { ComponentsResponse, ContributionsResponse, TopSequencesResponse } from './types';
import type { TypedArray } from './wire';

export type Role = 'query' | 'key';

/** A failed request, with the server's message (`{"error": ...}`) and its HTTP-like status. */
export class SourceError extends Error {
  constructor(public status: number, message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

/** The token table, columnar (row i = token row i of every per-head array). */
export interface TokenData {
  n: number;
  columns: { name: string; kind: ColumnKind; data: TypedArray }[];
  /** dictionaries of the category columns, whose data are codes into them */
  strings: Record<string, string[]>;
}

/** Which heads and points of a layout or norms request. */
export interface HeadsRequest {
  layer: number;
  /** one head of the layer; all heads of the layer when absent */
  head?: number;
  /** the level-of-detail sample of this many tokens (see `sample`); all tokens when absent */
  sample?: number | null;
  /** a layout still being computed: answer the heads that are done (the block lists them) */
  partial?: boolean;
}

/** Quantised 2-D or 3-D coordinates of some heads: queries then keys, per head. */
export interface LayoutBlock {
  /** [layer, head] of each block of points, in order */
  heads: [number, number][];
  dim: number;
  /** points per role per head (m): each head has 2m points, m queries then m keys */
  perRole: number;
  /** uint16 codes in each head's box, shape (H, 2m, dim) */
  coords: Uint16Array;
  /** each head's box, shape (H, dim, 2): [lo, hi] per axis */
  bounds: Float32Array;
  /** bytes transferred (the wire-size figure in the side panel and the debug hooks) */
  bytes: number;
}

/** Vector norms of some heads, uint8 of each head's maximum. */
export interface NormsBlock {
  heads: [number, number][];
  perRole: number;
  /** shape (H, 2m), queries then keys */
  norms: Uint8Array;
  /** each head's maximum norm, shape (H) */
  max: Float32Array;
}

/** Attention of one token (a query row, or a key column) within its sequence. */
export interface TokenAttention {
  seq: number;
  /** first token row of the sequence */
  start: number;
  n: number;
  /** n weights over the sequence's tokens (a query's row sums to 1) */
  weights: Float32Array;
}

/** Attention of a whole sequence. */
export interface SequenceAttention {
  seq: number;
  start: number;
  n: number;
  /** n x n, row-major: query i, key j */
  weights: Float32Array;
}

export interface SearchQuery {
  q: string;
  regex: boolean;
  /** case-sensitive (default false) */
  caseSensitive?: boolean;
}

export interface SearchHits {
  /** matching token rows, ascending */
  rows: Uint32Array;
  nTokens: number;
  nSequences: number;
  /** distinct matching token strings */
  nDistinct: number;
}

/** Mean attention by position over the corpus. */
export interface AggregateAttention {
  positions: number;
  /** positions x positions, row-major */
  weights: Float32Array;
}

/** Each point's coordinate on one component of a head's bilinear form (m queries then m keys). */
export interface ComponentScores {
  component: number;
  perRole: number;
  scores: Float32Array;
  /** the largest |score| (the colour scale's end) */
  maxAbs: number;
}

/** Something a 2-D canvas can draw and deck.gl can use as a texture; a URL is loaded by the user. */
export type ImageRef = string | HTMLImageElement | ImageBitmap;

/** The data of one atlas. Every method may reject with a SourceError. */
export interface AtlasSource {
  readonly id: string;
  info(): Promise<AtlasInfo>;
  tokens(): Promise<TokenData>;
  /** Every sequence (a source may read the table in pages; the answer is whole). */
  sequences(): Promise<SequencesTable>;
  /** Token rows (ascending) of the deterministic level-of-detail sample of `size` tokens. */
  sample(size: number): Promise<Uint32Array>;
  /** Coordinates of one layer's heads (or one head) in layout `name` (e.g. `pca-2d`). */
  layout(name: string, req: HeadsRequest): Promise<LayoutBlock>;
  norms(req: HeadsRequest): Promise<NormsBlock>;
  /** Attention of token `row` as a query (its row) or as a key (its column). */
  tokenAttention(layer: number, head: number, row: number, role: Role): Promise<TokenAttention>;
  sequenceAttention(layer: number, head: number, seq: number): Promise<SequenceAttention>;
  search(query: SearchQuery): Promise<SearchHits>;
  /**
   * One head's attention terms (and those beyond q.k in words), label, metrics, fidelity and why
   * analysis is missing. Optional: a source without it shows the head panel from `heads()` alone.
   */
  headInfo?(layer: number, head: number): Promise<HeadInfo>;
  /** Head metrics, labels and head map; rejects (404) when the atlas has none. */
  heads(): Promise<HeadsTable>;
  similar(layer: number, head: number, k: number): Promise<SimilarResponse>;
  aggregate(layer: number, head: number, weighted: boolean): Promise<AggregateAttention>;
  fidelity(): Promise<FidelityTable>;
  // ---- why a head attends: optional (a static export or a widget may not answer them; the UI hides them)
  /** The head's bilinear components and their shares of its logit variance (stored analysis). */
  components?(layer: number, head: number): Promise<ComponentsResponse>;
  /** What each component adds to the logit of query row `query` against key row `key`. */
  contributions?(layer: number, head: number, query: number, key: number): Promise<ContributionsResponse>;
  /** Every point's coordinate on component `component` (0 = strongest), to colour by it. */
  componentScores?(layer: number, head: number, component: number): Promise<ComponentScores>;
  /** The sequences where the head shows its label most strongly (stored analysis). */
  topSequences?(layer: number, head: number): Promise<TopSequencesResponse>;
  /** ||v|| per token of the head's value head, for its query and key points (one head). */
  valueNorms?(layer: number, head: number): Promise<NormsBlock>;
  /** Value-weighted attention of a sequence: p_ij ||v_j|| / sum_k p_ik ||v_k||. */
  valueWeightedAttention?(layer: number, head: number, seq: number): Promise<SequenceAttention>;
  /** The patch thumbnail sprite sheet (tiles as described by `info().thumbnails`). */
  thumbnails(): Promise<ImageRef>;
  /** Image `seq` as the model saw it, decoded and ready to draw. */
  image(seq: number): Promise<HTMLImageElement | ImageBitmap>;
}

export interface DataSource {
  /** A word for the debug hooks and messages: 'http', 'static', 'widget', 'fake'... */
  readonly kind: string;
  atlases(): Promise<AtlasSummary[]>;
  atlas(id: string): AtlasSource;
  /**
   * The heads of atlases `a` and `b` matched one to one (`qkatlas compare`). Optional: the compare
   * view is offered only by sources that have it (the server), with at least two atlases.
   */
  compare?(a: string, b: string): Promise<CompareResponse>;
}

export type { AtlasInfo, AtlasSummary, HeadInfo, LayoutDesc };
