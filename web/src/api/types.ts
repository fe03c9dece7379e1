// JSON bodies of the explorer's HTTP API (qkatlas/server/app.py), written by hand to match what
// the server sends today. Every data source answers these shapes for the JSON endpoints, so a
// static export can ship the same JSON files and a widget can send the same objects.
// A later step checks them against the server's OpenAPI schema (web/openapi.json).

/** `{"error": "..."}`: every failed request (400 bad parameter, 404 no such thing, 500, 503). */
export interface ErrorBody {
  error: string;
}

/** One complete layout of an atlas: `name` is `{method}-{dim}d` (e.g. `pca-2d`, `umap-3d`). */
export interface LayoutDesc {
  name: string;
  method: string;
  dim: number;
}

/** The manifest's model section, less `scales` (see FORMAT.md). */
export interface ModelInfo {
  name: string;
  family?: string;
  model_type?: string;
  kind?: string;
  causal?: boolean;
  n_layers?: number;
  n_heads?: number;
  n_kv_heads?: number;
  d_head?: number;
  /** key head read by each query head (grouped-query attention) */
  kv_head_of?: number[];
  max_length?: number | null;
  patch_size?: number;
  image_size?: number;
  [extra: string]: unknown;
}

/** The manifest's corpus section, less `skipped`. */
export interface CorpusInfo {
  name?: string;
  spec?: unknown;
  kind?: string;
  sha256?: string;
  n_sequences?: number;
  n_tokens?: number;
  n_truncated?: number;
  [extra: string]: unknown;
}

/** An entry of `GET /api/atlases`. */
export interface AtlasSummary {
  id: string;
  name: string;
  /** the atlas folder on the server (today's server sends it; the explorer does not use it) */
  path?: string;
  model: ModelInfo;
  corpus: CorpusInfo;
  kind: string;
  image: boolean;
  causal: boolean;
  n_layers: number;
  n_heads: number;
  n_kv_heads: number;
  n_tokens: number;
  n_sequences: number;
  /** sorted: 2-D first, then PCA, t-SNE, UMAP */
  layouts: LayoutDesc[];
}

/** `GET /api/atlases` */
export interface AtlasList {
  atlases: AtlasSummary[];
}

export interface ThumbnailSpec {
  /** tile size in pixels */
  tile: number;
  /** tiles per row of the sprite sheet */
  columns: number;
  /** tiles (= tokens) */
  count: number;
  /** sprite sheet location (the HTTP source's; other sources may ignore it) */
  url: string;
}

/** `GET /api/atlas/{id}`: the summary plus columns, thumbnails and images. */
export interface AtlasInfo extends AtlasSummary {
  token_columns: string[];
  /** numeric token columns that are not one of the known ones (colour modes `meta:NAME`) */
  metadata_columns: string[];
  thumbnails: ThumbnailSpec | null;
  /** the atlas has its images (image view available) */
  images: boolean;
  scales: number[] | null;
}

/** A JSON cell: pandas values after `_clean` (NaN -> null). */
export type Cell = number | string | boolean | null;

/** A data frame as JSON columns: `{columns, n, data: {column: values}}`; columns C are always there. */
export interface ColumnTable<C extends string = string> {
  columns: string[];
  n: number;
  data: Record<C, Cell[]> & Record<string, Cell[]>;
}

/** `GET /api/atlas/{id}/sequences`: columns seq, start, n_tokens, text, truncated, ...; images also source. */
export type SequencesTable = ColumnTable<'seq' | 'start' | 'n_tokens'>;

/** `GET /api/atlas/{id}/heads`: one row per head (layer, head, metrics..., label, rule, map_x, map_y). */
export interface HeadsTable extends ColumnTable<'layer' | 'head'> {
  /** numeric metric columns (not layer, head, map_x, map_y) */
  metrics: string[];
  /** distinct taxonomy labels, sorted */
  labels: string[];
  /** map_x and map_y columns present (the head map) */
  has_map: boolean;
  /** not sent by the current server; honoured when present */
  label_colors?: Record<string, string>;
  /** not sent by the current server; honoured when present */
  label_descriptions?: Record<string, string>;
}

export interface SimilarHead {
  layer: number;
  head: number;
  score: number | null;
}

/** `GET /api/atlas/{id}/similar?layer=&head=&k=` */
export interface SimilarResponse {
  layer: number;
  head: number;
  heads: SimilarHead[];
}

/** `GET /api/atlas/{id}/fidelity`: columns layer, head, layout, fidelity. */
export type FidelityTable = ColumnTable<'layer' | 'head' | 'layout' | 'fidelity'>;

// ---- meta of the binary (QKB1) endpoints, as the server writes them -------------------------

export type ColumnKind = 'bool' | 'int' | 'float' | 'category';

/** meta of `GET /api/atlas/{id}/tokens`; arrays: one per column */
export interface TokensMeta {
  n: number;
  columns: { name: string; kind: ColumnKind }[];
  /** dictionaries of the category columns (arrays hold codes) */
  strings: Record<string, string[]>;
}

/** meta of `GET /api/atlas/{id}/sample`; arrays: rows uint32 */
export interface SampleMeta {
  size: number;
  n_tokens: number;
}

/** meta of `GET /api/atlas/{id}/layout/{name}`; arrays: coords uint16 (H, 2m, dim), bounds float32 (H, dim, 2) */
export interface LayoutMeta {
  layout: string;
  method: string;
  dim: number;
  n_tokens: number;
  n_per_role: number;
  sample: number | null;
  heads: [number, number][];
  quant: 'uint16';
}

/** meta of `GET /api/atlas/{id}/norms`; arrays: norms uint8 (H, 2m), max float32 (H) */
export interface NormsMeta {
  heads: [number, number][];
  n_per_role: number;
  quant: string;
}

/** meta of `GET /api/atlas/{id}/attention`; arrays: attention float32 (n,) for a token, (n, n) for a sequence */
export interface AttentionMeta {
  layer: number;
  head: number;
  seq: number;
  start: number;
  n: number;
  role: 'query' | 'key' | null;
  query?: number;
  key?: number;
}

/** meta of `GET /api/atlas/{id}/search`; arrays: rows uint32 */
export interface SearchMeta {
  q: string;
  regex: boolean;
  case: boolean;
  n_tokens: number;
  n_sequences: number;
  n_distinct: number;
}

/** meta of `GET /api/atlas/{id}/aggregate`; arrays: attention float32 (P, P) */
export interface AggregateMeta {
  layer: number;
  head: number;
  weighted: boolean;
  positions: number;
}
