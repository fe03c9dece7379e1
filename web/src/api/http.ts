// The data source of the qkatlas server: today's /api endpoints, unchanged (qkatlas/server/app.py).
//
// HttpSource speaks in API paths ("/atlas/minilm/layout/pca-2d?layer=3") through a Transport.
// The default transport is fetch() under /api; a notebook widget can pass a transport that sends
// the same path and parameters over its comm channel and answers with the same JSON or QKB1
// bytes, and reuse everything else here.
import {
  decodeAggregate, decodeLayout, decodeNorms, decodeRows, decodeSearch, decodeSequenceAttention,
  decodeTokenAttention, decodeTokens, parseMessage,
} from './decode';
import {
  SourceError, type AggregateAttention, type AtlasSource, type DataSource, type HeadsRequest, type ImageRef,
  type LayoutBlock, type NormsBlock, type Role, type SearchHits, type SearchQuery, type SequenceAttention,
  type TokenAttention, type TokenData,
} from './source';
import type {
  AtlasInfo, AtlasList, AtlasSummary, ErrorBody, FidelityTable, HeadsTable, SequencesTable, SimilarResponse,
} from './types';
import type { Message } from './wire';

export type Params = Record<string, string | number | boolean | null | undefined>;

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

  sequences(): Promise<SequencesTable> {
    return this.t.json<SequencesTable>(`${this.base}/sequences`);
  }

  async sample(size: number): Promise<Uint32Array> {
    return decodeRows(await this.message('/sample', { size }));
  }

  async layout(name: string, req: HeadsRequest): Promise<LayoutBlock> {
    const msg = await this.message(`/layout/${encodeURIComponent(name)}`, { layer: req.layer, head: req.head, sample: req.sample });
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

  atlas(id: string): AtlasSource {
    let a = this.cache.get(id);
    if (!a) this.cache.set(id, (a = new HttpAtlas(this.transport, id)));
    return a;
  }
}
