// The data source of a static export (`qkatlas export`): every answer is read from files under
// the site's data/ folder (layout: qkatlas/share/sitepaths.py), most of them the explorer API's
// own answers, so the decoders of api/decode.ts are shared. What a server computes on demand is
// computed here (api/static-compute.ts): attention from the exported uint8 queries and keys,
// token search over the token table, the level-of-detail sample from the exported order.
import {
  decodeLayout, decodeNorms, decodeRows, decodeTokens, parseMessage,
} from './decode';
import {
  SourceError, type AggregateAttention, type AtlasSource, type DataSource, type HeadsRequest, type ImageRef,
  type LayoutBlock, type NormsBlock, type Role, type SearchHits, type SearchQuery, type SequenceAttention,
  type TokenAttention, type TokenData,
} from './source';
import {
  countSequences, cutLayout, cutNorms, dequantizeRows, probabilities, searchRows, type Codes, type Terms,
} from './static-compute';
import type {
  AtlasInfo, AtlasList, AtlasSummary, FidelityTable, HeadInfo, HeadsTable, SequencesTable, SimilarResponse,
} from './types';
import type { Message } from './wire';

/** What `qkatlas export` adds to an atlas's info.json. */
export interface ExportInfo {
  format: number;
  heads: [number, number][];
  all_heads: boolean;
  layouts: string[];
  n_tokens_total: number;
  n_sequences_total: number;
  attention: { encoding: string; levels: number } | null;
  /** why a stored result is absent (e.g. heads: "head analysis is missing; run `qkatlas analyze ...`") */
  missing: Record<string, string>;
}

export type StaticInfo = AtlasInfo & { export: ExportInfo; limits?: { attention_cells: number } };

type Fetch = (url: string) => Promise<Response>;

const AGG_LEVELS = 65534;
/** Heads whose q/k files are kept decoded (a click loads one head's queries and keys). */
const QK_CACHE = 8;

const pad3 = (n: number) => String(n).padStart(3, '0');

/** Reads files relative to the site's data folder, with the HTTP status as the error. */
class Files {
  private cache = new Map<string, Promise<unknown>>();

  constructor(readonly root: string, private fetcher: Fetch) {}

  url(rel: string): string {
    return this.root + rel;
  }

  private async get(rel: string): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetcher(this.url(rel));
    } catch (e) {
      throw new SourceError(0, `could not read ${rel} of this export (${(e as Error).message})`);
    }
    if (!res.ok) throw new SourceError(res.status, `${rel} is not in this export (${res.status} ${res.statusText})`);
    return res;
  }

  /** JSON of a file, fetched once. */
  json<T>(rel: string): Promise<T> {
    return this.once(rel, async () => (await this.get(rel)).json() as Promise<T>);
  }

  /** A QKB1 file, fetched once, with its size. */
  message(rel: string, keep = true): Promise<Message & { bytes: number }> {
    const load = async () => {
      const buf = await (await this.get(rel)).arrayBuffer();
      return { ...parseMessage(buf), bytes: buf.byteLength };
    };
    return keep ? this.once(rel, load) : load();
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      p.catch(() => this.cache.delete(key)); // a failed read is tried again next time
      this.cache.set(key, p);
    }
    return p;
  }
}

async function loadImage(url: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = url;
  await img.decode();
  return img;
}

class StaticAtlas implements AtlasSource {
  private files: Files;
  private qk = new Map<string, Promise<{ codes: Codes; meta: Record<string, unknown> }>>();

  constructor(root: string, fetcher: Fetch, readonly id: string) {
    this.files = new Files(`${root}${encodeURIComponent(id)}/`, fetcher);
  }

  info(): Promise<StaticInfo> {
    return this.files.json<StaticInfo>('info.json');
  }

  async tokens(): Promise<TokenData> {
    return decodeTokens(await this.files.message('tokens.qkb'));
  }

  sequences(): Promise<SequencesTable> {
    return this.files.json<SequencesTable>('sequences.json');
  }

  private async starts(): Promise<number[]> {
    return (await this.sequences()).data.start.map(Number);
  }

  async sample(size: number): Promise<Uint32Array> {
    const order = decodeRows(await this.files.message('sample.qkb'));
    if (size >= order.length) return Uint32Array.from({ length: order.length }, (_, i) => i);
    return Uint32Array.from(order.subarray(0, Math.max(1, size))).sort();
  }

  /** Block indices of the heads asked for within a layer file, or a clear 404. */
  private async pick(req: HeadsRequest, heads: [number, number][]): Promise<number[]> {
    if (req.head === undefined) return heads.map((_, i) => i);
    const i = heads.findIndex(([, h]) => h === req.head);
    if (i < 0) throw new SourceError(404, `head L${req.layer}H${req.head} is not in this export (exported with --heads)`);
    return [i];
  }

  private exported(info: StaticInfo, layer: number): boolean {
    return info.export.heads.some(([l]) => l === layer);
  }

  async layout(name: string, req: HeadsRequest): Promise<LayoutBlock> {
    const info = await this.info();
    if (!info.export.layouts.includes(name)) throw new SourceError(404, `layout ${name} is not in this export (have: ${info.export.layouts.join(', ')})`);
    if (!this.exported(info, req.layer)) {
      if (req.head !== undefined) throw new SourceError(404, `head L${req.layer}H${req.head} is not in this export (exported with --heads)`);
      const dim = Number(name.slice(-2, -1));
      return { heads: [], dim, perRole: req.sample ? Math.min(req.sample, info.n_tokens) : info.n_tokens, coords: new Uint16Array(0), bounds: new Float32Array(0), bytes: 0 };
    }
    const msg = await this.files.message(`layouts/${name}/L${pad3(req.layer)}.qkb`);
    const block = decodeLayout(msg, msg.bytes);
    const pick = await this.pick(req, block.heads);
    const rows = req.sample && req.sample < info.n_tokens ? await this.sample(req.sample) : null;
    if (!rows && pick.length === block.heads.length) return block;
    const cut = cutLayout(block.coords, block.bounds, block.dim, block.perRole, pick, rows);
    const share = (pick.length * cut.m) / (block.heads.length * block.perRole);
    return { heads: pick.map((i) => block.heads[i]), dim: block.dim, perRole: cut.m, coords: cut.coords, bounds: cut.bounds, bytes: Math.round(msg.bytes * share) };
  }

  async norms(req: HeadsRequest): Promise<NormsBlock> {
    const info = await this.info();
    if (!this.exported(info, req.layer)) {
      if (req.head !== undefined) throw new SourceError(404, `head L${req.layer}H${req.head} is not in this export (exported with --heads)`);
      return { heads: [], perRole: req.sample ? Math.min(req.sample, info.n_tokens) : info.n_tokens, norms: new Uint8Array(0), max: new Float32Array(0) };
    }
    const block = decodeNorms(await this.files.message(`norms/L${pad3(req.layer)}.qkb`));
    const pick = await this.pick(req, block.heads);
    const rows = req.sample && req.sample < info.n_tokens ? await this.sample(req.sample) : null;
    if (!rows && pick.length === block.heads.length) return block;
    const cut = cutNorms(block.norms, block.max, block.perRole, pick, rows);
    return { heads: pick.map((i) => block.heads[i]), perRole: cut.m, norms: cut.norms, max: cut.max };
  }

  // ---- attention, computed here from the exported queries and keys ----------------------------
  private vectors(rel: string): Promise<{ codes: Codes; meta: Record<string, unknown> }> {
    let p = this.qk.get(rel);
    if (!p) {
      p = this.files.message(rel, false).then((msg) => {
        const c = msg.arrays.codes;
        return { codes: { codes: c.data as Uint8Array, lo: msg.arrays.lo.data as Float32Array, hi: msg.arrays.hi.data as Float32Array, d: c.shape[1] }, meta: msg.meta };
      });
      p.catch(() => this.qk.delete(rel));
      this.qk.set(rel, p);
      if (this.qk.size > 2 * QK_CACHE) this.qk.delete(this.qk.keys().next().value!);
    }
    return p;
  }

  private async head(layer: number, head: number) {
    const info = await this.info();
    if (!info.export.attention) throw new SourceError(404, 'this export has no attention (it was made with --no-attention)');
    if (!info.export.heads.some(([l, h]) => l === layer && h === head)) {
      throw new SourceError(404, `head L${layer}H${head} is not in this export (exported with --heads)`);
    }
    const q = await this.vectors(`attention/L${pad3(layer)}/Q${pad3(head)}.qkb`);
    const k = await this.vectors(`attention/L${pad3(layer)}/K${pad3(q.meta.kv_head as number)}.qkb`);
    return { q: q.codes, k: k.codes, terms: q.meta.terms as Terms };
  }

  private async where(row: number): Promise<{ seq: number; start: number; n: number }> {
    const seqs = await this.sequences();
    const starts = seqs.data.start.map(Number), lens = seqs.data.n_tokens.map(Number);
    const total = starts.length ? starts[starts.length - 1] + lens[lens.length - 1] : 0;
    if (!(row >= 0 && row < total)) throw new SourceError(400, `token ${row} out of range: this export has tokens 0..${total - 1}`);
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    return { seq: lo, start: starts[lo], n: lens[lo] };
  }

  async tokenAttention(layer: number, head: number, row: number, role: Role): Promise<TokenAttention> {
    const { seq, start, n } = await this.where(row);
    const { q, k, terms } = await this.head(layer, head);
    const pos = row - start;
    const keys = dequantizeRows(k, start, n);
    if (role === 'query') {
      const weights = probabilities(dequantizeRows(q, row, 1), keys, q.d, n, [pos], terms);
      return { seq, start, n, weights };
    }
    const all = probabilities(dequantizeRows(q, start, n), keys, q.d, n, Array.from({ length: n }, (_, i) => i), terms);
    return { seq, start, n, weights: Float32Array.from({ length: n }, (_, i) => all[i * n + pos]) };
  }

  async sequenceAttention(layer: number, head: number, seq: number): Promise<SequenceAttention> {
    const seqs = await this.sequences();
    if (!(seq >= 0 && seq < seqs.n)) throw new SourceError(400, `sequence ${seq} out of range: this export has sequences 0..${seqs.n - 1}`);
    const start = Number(seqs.data.start[seq]), n = Number(seqs.data.n_tokens[seq]);
    const limit = (await this.info()).limits?.attention_cells ?? 4 << 20;
    if (n * n > limit) throw new SourceError(413, `the attention of sequence ${seq} is ${n} x ${n} weights, over the limit of ${limit}; ask for one token's row`);
    const { q, k, terms } = await this.head(layer, head);
    const weights = probabilities(dequantizeRows(q, start, n), dequantizeRows(k, start, n), q.d, n, Array.from({ length: n }, (_, i) => i), terms);
    return { seq, start, n, weights };
  }

  // ---- search over the token table --------------------------------------------------------------
  async search(query: SearchQuery): Promise<SearchHits> {
    if (!query.regex && !query.q.trim()) throw new SourceError(400, "parameter 'q' is empty: give a token or, with regex=true, a pattern");
    const data = await this.tokens();
    const col = data.columns.find((c) => c.name === 'token');
    const strings = data.strings.token;
    if (!col || !strings) throw new SourceError(404, 'this export has no token column to search');
    let found;
    try {
      found = searchRows(col.data, strings, query.q, query.regex, !!query.caseSensitive);
    } catch (e) {
      throw new SourceError(400, `bad pattern ${JSON.stringify(query.q.slice(0, 80))}: ${(e as Error).message}`);
    }
    return { rows: found.rows, nTokens: found.rows.length, nSequences: countSequences(found.rows, await this.starts()), nDistinct: found.nDistinct };
  }

  // ---- stored analysis ------------------------------------------------------------------------------
  private async analysed(): Promise<void> {
    const why = (await this.info()).export.missing.heads;
    if (why) throw new SourceError(404, why);
  }

  async heads(): Promise<HeadsTable> {
    await this.analysed();
    return this.files.json<HeadsTable>('heads.json');
  }

  async similar(layer: number, head: number, k: number): Promise<SimilarResponse> {
    await this.analysed();
    const all = await this.files.json<{ k: number; heads: Record<string, [number, number, number | null][]> }>('similar.json');
    const rows = all.heads[`${layer},${head}`];
    if (!rows) throw new SourceError(404, `head L${layer}H${head} is not in this export (exported with --heads)`);
    return { layer, head, heads: rows.slice(0, k).map(([l, h, score]) => ({ layer: l, head: h, score })) };
  }

  async aggregate(layer: number, head: number, weighted: boolean): Promise<AggregateAttention> {
    await this.analysed();
    const msg = await this.files.message(`aggregate/L${pad3(layer)}H${pad3(head)}.qkb`);
    const a = msg.arrays[weighted ? 'weighted' : 'attention'];
    const codes = a.data as Uint16Array;
    const weights = Float32Array.from(codes, (c) => (c > AGG_LEVELS ? NaN : c / AGG_LEVELS));
    return { positions: a.shape[0], weights };
  }

  fidelity(): Promise<FidelityTable> {
    return this.files.json<FidelityTable>('fidelity.json');
  }

  async headInfo(layer: number, head: number): Promise<HeadInfo> {
    const all = await this.files.json<Record<string, HeadInfo>>('head-info.json');
    const one = all[`${layer},${head}`];
    if (!one) throw new SourceError(404, `head L${layer}H${head} is not in this export (exported with --heads)`);
    return one;
  }

  // ---- images ---------------------------------------------------------------------------------------
  async thumbnails(): Promise<ImageRef> {
    if (!(await this.info()).thumbnails) throw new SourceError(404, `atlas ${this.id} has no patch thumbnails`);
    return this.files.url('thumbnails.png');
  }

  async image(seq: number): Promise<HTMLImageElement | ImageBitmap> {
    return loadImage(this.files.url(`images/${String(seq).padStart(5, '0')}.png`));
  }
}

/** The atlases of a static export under `root` (default: the page's ./data/). */
export class StaticSource implements DataSource {
  readonly kind = 'static';
  private cache = new Map<string, StaticAtlas>();
  private root: string;

  constructor(root = './data/', private fetcher: Fetch = (url) => fetch(url)) {
    this.root = root.endsWith('/') ? root : root + '/';
  }

  async atlases(): Promise<AtlasSummary[]> {
    const res = await this.fetcher(this.root + 'atlases.json');
    if (!res.ok) throw new SourceError(res.status, `atlases.json is not in this export (${res.status}): is this a qkatlas export?`);
    return ((await res.json()) as AtlasList).atlases;
  }

  atlas(id: string): AtlasSource {
    let a = this.cache.get(id);
    if (!a) this.cache.set(id, (a = new StaticAtlas(this.root, this.fetcher, id)));
    return a;
  }
}
