// JSON bodies of the explorer's HTTP API, derived from the server's OpenAPI schema: `npm run types`
// generates api/schema.d.ts from web/openapi.json (`python -m qkatlas.server.openapi > web/openapi.json`),
// and every type below is a schema component, narrowed where the front end knows more (table
// columns that are always there). A server change that breaks the front end fails
// test/schema.test.ts (schema.d.ts stale, or the sources no longer typecheck against it).
// Every data source answers these shapes for the JSON endpoints, so a static export can ship the
// same JSON files and a widget can send the same objects.
import type { components } from './schema';

type S = components['schemas'];

/** `{"error": "..."}`: every failed request (400, 401, 403, 404, 413 too large, 503). */
export type ErrorBody = S['ErrorBody'];

/** One complete layout of an atlas: `name` is `{method}-{dim}d` (e.g. `pca-2d`, `umap-3d`). */
export type LayoutDesc = S['LayoutDesc'];

/** A layout the manifest names, complete or still being computed (heads_done of heads_total). */
export type LayoutProgress = S['LayoutProgress'];

/** The manifest's model section, less `scales` (see FORMAT.md). */
export type ModelInfo = S['ModelInfo'];

/** The manifest's corpus section, less `skipped`. */
export type CorpusInfo = S['CorpusInfo'];

/** An entry of `GET /api/atlases` (`status` 'updating' while `qkatlas add` swaps files). */
export type AtlasSummary = S['AtlasSummary'];

/** `GET /api/atlases` */
export type AtlasList = S['AtlasList'];

export type ThumbnailSpec = S['ThumbnailSpec'];

/** The server's size limits (a larger request answers 413 with a message). */
export type ServerLimits = S['ServerLimits'];

/** `GET /api/atlas/{id}`: the summary plus columns, thumbnails, images, layout progress, limits. */
export type AtlasInfo = S['AtlasInfo'];

/** `GET /api/atlas/{id}/head?layer=&head=`: a head's attention terms, label, metrics, fidelity. */
export type HeadInfo = S['HeadInfo'];
export type HeadTerms = S['HeadTerms'];

/** A JSON cell: pandas values after `clean` (NaN -> null). */
export type Cell = number | string | boolean | null;

/** A data frame as JSON columns: `{columns, n, data: {column: values}}`; columns C are always there. */
export type ColumnTable<C extends string = string> = Omit<S['FidelityTable'], 'data'> & {
  data: Record<C, Cell[]> & Record<string, Cell[]>;
};

/** `GET /api/atlas/{id}/sequences`: columns seq, start, n_tokens, text, truncated, ...; images also source. */
export type SequencesTable = Omit<S['SequencesTable'], 'data'> & ColumnTable<'seq' | 'start' | 'n_tokens'>;

/** `GET /api/atlas/{id}/heads`: one row per head (layer, head, metrics..., label, rule, map_x, map_y). */
export type HeadsTable = Omit<S['HeadsTable'], 'data'> & ColumnTable<'layer' | 'head'> & {
  /** not sent by the current server; honoured when present */
  label_colors?: Record<string, string>;
  /** not sent by the current server; honoured when present */
  label_descriptions?: Record<string, string>;
};

export type SimilarHead = S['SimilarHead'];

/** `GET /api/atlas/{id}/similar?layer=&head=&k=` */
export type SimilarResponse = S['SimilarResponse'];

/** `GET /api/atlas/{id}/fidelity`: columns layer, head, layout, fidelity, geometry (absent from older sources). */
export type FidelityTable = ColumnTable<'layer' | 'head' | 'layout' | 'fidelity'>;

/** `GET /api/compare?a=&b=`: heads of two atlases matched one to one (best first) and the summary. */
export type CompareResponse = Omit<S['CompareResponse'], 'matches'> & {
  matches: ColumnTable<'layer_a' | 'head_a' | 'layer_b' | 'head_b' | 'similarity' | 'label_a' | 'label_b'>;
};

// ---- meta of the binary (QKB1) endpoints, as the server writes them -------------------------

export type ColumnKind = S['TokenColumn']['kind'];

/** meta of `GET /api/atlas/{id}/tokens`; arrays: one per column */
export type TokensMeta = S['TokensMeta'];

/** meta of `GET /api/atlas/{id}/sample`; arrays: rows uint32 */
export type SampleMeta = S['SampleMeta'];

/** meta of `GET /api/atlas/{id}/layout/{name}`; arrays: coords uint16 (H, 2m, dim), bounds float32 (H, dim, 2) */
export type LayoutMeta = S['LayoutMeta'];

/** meta of `GET /api/atlas/{id}/norms`; arrays: norms uint8 (H, 2m), max float32 (H) */
export type NormsMeta = S['NormsMeta'];

/** meta of `GET /api/atlas/{id}/attention`; arrays: attention float32 (n,) for a token, (n, n) for a sequence */
export type AttentionMeta = S['AttentionMeta'];

/** meta of `GET /api/atlas/{id}/search`; arrays: rows uint32 */
export type SearchMeta = S['SearchMeta'];

/** meta of `GET /api/atlas/{id}/aggregate`; arrays: attention float32 (P, P) */
export type AggregateMeta = S['AggregateMeta'];

// ---- why a head attends (GET /components, /contributions, /top-sequences, /component-scores) ----

/** `GET /api/atlas/{id}/components?layer=&head=`: variance shares of the head's bilinear components. */
export type ComponentsResponse = S['ComponentsResponse'];

/** `GET /api/atlas/{id}/contributions?...&query=&key=`: sum(contributions) + rest == logit. */
export type ContributionsResponse = S['ContributionsResponse'];

/** `GET /api/atlas/{id}/top-sequences?layer=&head=`: the sequences where the head shows its label best. */
export type TopSequencesResponse = S['TopSequencesResponse'];

/** meta of `GET /api/atlas/{id}/component-scores`; arrays: scores float32 (2m) */
export type ComponentScoresMeta = S['ComponentScoresMeta'];
