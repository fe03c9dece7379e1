// The data source of the qkatlas server: its /api endpoints (qkatlas/server/routes, schema in web/openapi.json).
//
// HttpSource speaks in API paths ("/atlas/minilm/layout/pca-2d?layer=3") through a Transport.
// The default transport is fetch() under /api; a notebook widget can pass a transport that sends
// the same path and parameters over its comm channel and answers with the same JSON or QKB1
// bytes, and reuse everything else here.
import {
  arrayOf, decodeAggregate, decodeLayout, decodeNorms, decodeRows, decodeSearch, decodeSequenceAttention,
  decodeTokenAttention, decodeTokens, metaOf, parseMessage,
} from './decode';
import {
  SourceError, type AggregateAttention, type AtlasSource, type DataSource, type HeadsRequest, type ImageRef,
  type LayoutBlock, type NormsBlock, type Role, type SearchHits, type SearchQuery, type SequenceAttention,
  type TokenAttention, type TokenData, type ComponentScores,
} from './source';
import type { ComponentScoresMeta, ComponentsResponse, ContributionsResponse, TopSequencesResponse } from './types';
import type {
  AtlasInfo, AtlasList, AtlasSummary, Cell, CompareResponse, ErrorBody, FidelityTable, HeadInfo, HeadsTable, SequencesTable, SimilarResponse,
} from './types';
import type { Message } from './wire';

export type Params = Record<string, string | number | boolean | null | undefined>;

/** Rows of the sequence table per request (a corpus of more sequences is read in pages). */
export const SEQUENCE_PAGE = 20000;

/** One table from consecutive pages of rows. */
export function mergePages(pages: SequencesTable[]): SequencesTable {
  const columns = pages[0].columns;
  const data: Record<string, Cell[]> = {};
  for (const c of columns) data[c] = pages.flatMap((p): Cell[] => p.data[c] ?? new Array<Cell>(p.n).fill(null));
  const n = pages.reduce((k, p) => k + p.n, 0);
  return { columns, n, data: data as SequencesTable['data'] };
}

export interface Transport {
  /** GET `path` (under the API root, e.g. "/atlases") and parse its JSON body. */
  json<T>(path: string, params?: Params): Promise<T>;
  /** GET `path` as bytes (a QKB1 message). */
  binary(path: string, params?: Params): Promise<ArrayBuffer>;
  /** A URL the browser can load `path` from itself (images), or null when there is none. */
  url(path: string): string | null;
}

/** "?a=1&b=x" of the parameters that are set ('' when none). */
export function qs(params: Params = {}): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? '?' + parts.join('&') : '';
}

function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ErrorBody).error === 'string';
}

async function check(res: Response): Promise<Response> {
  if (res.ok) return res;
  let msg = `${res.status} ${res.statusText}`;
  try {
    const body: unknown = await res.json();
    if (isErrorBody(body)) msg = body.error;
  } catch {
    /* not JSON */
  }
  throw new SourceError(res.status, msg);
}

/** fetch() under `root` (default "/api", relative to the page's origin). */
export function fetchTransport(root = '/api'): Transport {
  return {
    async json<T>(path: string, params?: Params): Promise<T> {
      const res = await check(await fetch(root + path + qs(params)));
      return (await res.json()) as T;
    },
    async binary(path: string, params?: Params): Promise<ArrayBuffer> {
      const res = await check(await fetch(root + path + qs(params)));
      return res.arrayBuffer();
    },
    url: (path: string) => root + path,
  };
}

async function loadImage(url: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = url;
  await img.decode();
  return img;
}

class HttpAtlas implements AtlasSource {
  private readonly base: string;

  constructor(private t: Transport, readonly id: string) {
    this.base = `/atlas/${encodeURIComponent(id)}`;
  }

  private async message(path: string, params?: Params): Promise<Message & { bytes: number }> {
    const buf = await this.t.binary(this.base + path, params);
    return { ...parseMessage(buf), bytes: buf.byteLength };
  }

  info(): Promise<AtlasInfo> {
    return this.t.json<AtlasInfo>(this.base);
  }

  async tokens(): Promise<TokenData> {
    return decodeTokens(await this.message('/tokens'));
  }

  /**
   * Every sequence: one request when the table fits, else consecutive pages of rows (a page that
   * the server finds too large, 413, is asked again at half the size).
   */
  async sequences(): Promise<SequencesTable> {
    const pages: SequencesTable[] = [];
    let offset = 0, total = Infinity, limit = SEQUENCE_PAGE;
    while (offset < total) {
      let page: SequencesTable;
      try {
        page = await this.t.json<SequencesTable>(`${this.base}/sequences`, { offset, limit });
      } catch (e) {
        if (e instanceof SourceError && e.status === 413 && limit > 1) {
          limit = Math.ceil(limit / 2);
          continue;
        }
        throw e;
      }
      pages.push(page);
      total = page.total ?? page.n;
      if (!page.n) break;
      offset += page.n;
    }
    return pages.length === 1 ? pages[0] : mergePages(pages);
  }

  headInfo(layer: number, head: number): Promise<HeadInfo> {
    return this.t.json<HeadInfo>(`${this.base}/head`, { layer, head });
  }

  async sample(size: number): Promise<Uint32Array> {
    return decodeRows(await this.message('/sample', { size }));
  }

  async layout(name: string, req: HeadsRequest): Promise<LayoutBlock> {
    const msg = await this.message(`/layout/${encodeURIComponent(name)}`, { layer: req.layer, head: req.head, sample: req.sample, partial: req.partial || null });
    return decodeLayout(msg, msg.bytes);
  }

  async norms(req: HeadsRequest): Promise<NormsBlock> {
    return decodeNorms(await this.message('/norms', { layer: req.layer, head: req.head, sample: req.sample }));
  }

  async tokenAttention(layer: number, head: number, row: number, role: Role): Promise<TokenAttention> {
    return decodeTokenAttention(await this.message('/attention', { layer, head, token: row, role }));
  }

  async sequenceAttention(layer: number, head: number, seq: number): Promise<SequenceAttention> {
    return decodeSequenceAttention(await this.message('/attention', { layer, head, seq }));
  }

  async search(query: SearchQuery): Promise<SearchHits> {
    return decodeSearch(await this.message('/search', { q: query.q, regex: query.regex, case: query.caseSensitive || null }));
  }

  heads(): Promise<HeadsTable> {
    return this.t.json<HeadsTable>(`${this.base}/heads`);
  }

  similar(layer: number, head: number, k: number): Promise<SimilarResponse> {
    return this.t.json<SimilarResponse>(`${this.base}/similar`, { layer, head, k });
  }

  async aggregate(layer: number, head: number, weighted: boolean): Promise<AggregateAttention> {
    return decodeAggregate(await this.message('/aggregate', { layer, head, weighted }));
  }

  fidelity(): Promise<FidelityTable> {
    return this.t.json<FidelityTable>(`${this.base}/fidelity`);
  }

  // ---- why a head attends ----------------------------------------------------------------------
  components(layer: number, head: number): Promise<ComponentsResponse> {
    return this.t.json<ComponentsResponse>(`${this.base}/components`, { layer, head });
  }

  contributions(layer: number, head: number, query: number, key: number): Promise<ContributionsResponse> {
    return this.t.json<ContributionsResponse>(`${this.base}/contributions`, { layer, head, query, key });
  }

  async componentScores(layer: number, head: number, component: number): Promise<ComponentScores> {
    const msg = await this.message('/component-scores', { layer, head, component });
    const meta = metaOf<ComponentScoresMeta>(msg);
    return { component: meta.component, perRole: meta.n_per_role, scores: arrayOf(msg, 'scores', Float32Array), maxAbs: meta.max_abs };
  }

  topSequences(layer: number, head: number): Promise<TopSequencesResponse> {
    return this.t.json<TopSequencesResponse>(`${this.base}/top-sequences`, { layer, head });
  }

  async valueNorms(layer: number, head: number): Promise<NormsBlock> {
    return decodeNorms(await this.message('/value-norms', { layer, head }));
  }

  async valueWeightedAttention(layer: number, head: number, seq: number): Promise<SequenceAttention> {
    return decodeSequenceAttention(await this.message('/attention', { layer, head, seq, weighting: 'value' }));
  }

  async thumbnails(): Promise<ImageRef> {
    return this.picture('/thumbnails.png');
  }

  async image(seq: number): Promise<HTMLImageElement | ImageBitmap> {
    const ref = await this.picture(`/image/${seq}`);
    return typeof ref === 'string' ? loadImage(ref) : ref;
  }

  private async picture(path: string): Promise<ImageRef> {
    const url = this.t.url(this.base + path);
    if (url !== null) return url;
    const bytes = await this.t.binary(this.base + path);
    return createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  }
}

export class HttpSource implements DataSource {
  readonly kind: string;
  private cache = new Map<string, HttpAtlas>();

  constructor(private transport: Transport = fetchTransport(), kind = 'http') {
    this.kind = kind;
  }

  async atlases(): Promise<AtlasSummary[]> {
    return (await this.transport.json<AtlasList>('/atlases')).atlases;
  }

  compare(a: string, b: string): Promise<CompareResponse> {
    return this.transport.json<CompareResponse>('/compare', { a, b });
  }

  atlas(id: string): AtlasSource {
    let a = this.cache.get(id);
    if (!a) this.cache.set(id, (a = new HttpAtlas(this.transport, id)));
    return a;
  }
}
