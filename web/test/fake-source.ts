// An in-memory data source for tests: a small synthetic atlas (2 layers x 3 heads, 4 sequences of
// 8 tokens), answering every AtlasSource method without a server and recording the calls.
import { SourceError, type AtlasSource, type DataSource, type HeadsRequest, type Role, type SearchQuery } from '../src/api/source';
import type { AtlasInfo, AtlasSummary, HeadsTable, LayoutDesc } from '../src/api/types';

export const N_LAYERS = 2, N_HEADS = 3, SEQ_LEN = 8, N_SEQ = 4, N_TOKENS = SEQ_LEN * N_SEQ;
const WORDS = ['[CLS]', 'the', 'cat', 'sat', 'on', 'a', 'mat', '[SEP]'];

export interface Call {
  method: string;
  args: unknown[];
}

const layouts: LayoutDesc[] = [
  { name: 'pca-2d', method: 'pca', dim: 2 },
  { name: 'pca-3d', method: 'pca', dim: 3 },
];

export const SUMMARY: AtlasSummary = {
  id: 'fake', name: 'fake model', status: 'ready', model: { name: 'fake model', kv_head_of: [0, 1, 2] }, corpus: { name: 'fake corpus' },
  kind: 'text-encoder', image: false, causal: false, n_layers: N_LAYERS, n_heads: N_HEADS, n_kv_heads: N_HEADS,
  n_tokens: N_TOKENS, n_sequences: N_SEQ, layouts,
};

/** The sample of `size` tokens: every other row, then the rest (ascending). */
export function sampleRows(size: number): Uint32Array {
  const order = [...Array.from({ length: N_TOKENS / 2 }, (_, i) => 2 * i), ...Array.from({ length: N_TOKENS / 2 }, (_, i) => 2 * i + 1)];
  return Uint32Array.from(order.slice(0, Math.min(size, N_TOKENS))).sort();
}

/** Coordinate code of point p (0..2n-1) of head `index` on axis `a`: distinct, deterministic. */
export function code(index: number, p: number, a: number): number {
  return (index * 1000 + p * 37 + a * 11) % 65536;
}

export class FakeAtlas implements AtlasSource {
  readonly id = 'fake';
  calls: Call[] = [];
  /** methods that fail (404) */
  failing = new Set<string>();
  /** a layout being computed: the head indices done (null: every head) */
  done: Set<number> | null = null;
  /** points of one layout answer above which it answers 413 */
  maxPoints = Infinity;

  private log(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
    if (this.failing.has(method)) throw new SourceError(404, `${method} unavailable`);
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  async info(): Promise<AtlasInfo> {
    this.log('info');
    return {
      ...SUMMARY, token_columns: ['seq', 'pos', 'token'], metadata_columns: [], thumbnails: null, images: false, scales: null,
      extra_terms: false, analysis: true, limits: { response_bytes: 64 << 20, attention_cells: 4 << 20 },
      layout_progress: layouts.map((l) => ({ ...l, complete: true, heads_done: N_LAYERS * N_HEADS, heads_total: N_LAYERS * N_HEADS })),
    };
  }

  async tokens() {
    this.log('tokens');
    const seq = new Int32Array(N_TOKENS), pos = new Int32Array(N_TOKENS), len = new Int32Array(N_TOKENS).fill(SEQ_LEN);
    const token = new Uint16Array(N_TOKENS), special = new Uint8Array(N_TOKENS);
    for (let r = 0; r < N_TOKENS; r++) {
      seq[r] = Math.floor(r / SEQ_LEN);
      pos[r] = r % SEQ_LEN;
      token[r] = pos[r];
      special[r] = pos[r] === 0 || pos[r] === SEQ_LEN - 1 ? 1 : 0;
    }
    return {
      n: N_TOKENS,
      columns: [
        { name: 'seq', kind: 'int' as const, data: seq }, { name: 'pos', kind: 'int' as const, data: pos },
        { name: 'seq_len', kind: 'int' as const, data: len }, { name: 'token', kind: 'category' as const, data: token },
        { name: 'is_special', kind: 'bool' as const, data: special },
      ],
      strings: { token: WORDS },
    };
  }

  async sequences() {
    this.log('sequences');
    const r = Array.from({ length: N_SEQ }, (_, i) => i);
    return { columns: ['seq', 'start', 'n_tokens', 'text'], n: N_SEQ, data: { seq: r, start: r.map((i) => i * SEQ_LEN), n_tokens: r.map(() => SEQ_LEN), text: r.map((i) => `sentence ${i}`) } };
  }

  async sample(size: number): Promise<Uint32Array> {
    this.log('sample', size);
    return sampleRows(size);
  }

  async layout(name: string, req: HeadsRequest) {
    this.log('layout', name, req);
    const dim = Number(name.slice(-2, -1));
    let heads: [number, number][] = req.head === undefined ? Array.from({ length: N_HEADS }, (_, h) => [req.layer, h]) : [[req.layer, req.head]];
    const rows = req.sample ? sampleRows(req.sample) : null;
    const m = rows ? rows.length : N_TOKENS;
    if (heads.length * 2 * m > this.maxPoints) throw new SourceError(413, `layout ${name} of ${heads.length} heads x ${2 * m} points would be over this server's limit`);
    const done = this.done;
    if (done && heads.some(([l, h]) => !done.has(l * N_HEADS + h))) {
      if (!req.partial) throw new SourceError(404, `layout ${name} is still being computed`);
      heads = heads.filter(([l, h]) => done.has(l * N_HEADS + h));
    }
    const coords = new Uint16Array(heads.length * 2 * m * dim), bounds = new Float32Array(heads.length * dim * 2);
    heads.forEach(([l, h], i) => {
      const index = l * N_HEADS + h;
      for (let p = 0; p < 2 * m; p++) {
        const src = rows ? (p < m ? rows[p] : N_TOKENS + rows[p - m]) : p;
        for (let a = 0; a < dim; a++) coords[(i * 2 * m + p) * dim + a] = code(index, src, a);
      }
      for (let a = 0; a < dim; a++) bounds.set([-1, 1], (i * dim + a) * 2);
    });
    return { heads, dim, perRole: m, coords, bounds, bytes: coords.byteLength + bounds.byteLength };
  }

  async norms(req: HeadsRequest) {
    this.log('norms', req);
    const m = req.sample ?? N_TOKENS;
    return { heads: [[req.layer, 0]] as [number, number][], perRole: m, norms: new Uint8Array(N_HEADS * 2 * m).fill(128), max: new Float32Array(N_HEADS).fill(1) };
  }

  async tokenAttention(layer: number, head: number, row: number, role: Role) {
    this.log('tokenAttention', layer, head, row, role);
    const seq = Math.floor(row / SEQ_LEN);
    // all attention on the token after `row` (wrapping in its sequence)
    const weights = new Float32Array(SEQ_LEN);
    weights[(row % SEQ_LEN + 1) % SEQ_LEN] = 1;
    return { seq, start: seq * SEQ_LEN, n: SEQ_LEN, weights };
  }

  async sequenceAttention(layer: number, head: number, seq: number) {
    this.log('sequenceAttention', layer, head, seq);
    return { seq, start: seq * SEQ_LEN, n: SEQ_LEN, weights: new Float32Array(SEQ_LEN * SEQ_LEN).fill(1 / SEQ_LEN) };
  }

  async search(query: SearchQuery) {
    this.log('search', query);
    const i = WORDS.indexOf(query.q);
    const rows = i < 0 ? new Uint32Array(0) : Uint32Array.from({ length: N_SEQ }, (_, s) => s * SEQ_LEN + i);
    return { rows, nTokens: rows.length, nSequences: rows.length, nDistinct: rows.length ? 1 : 0 };
  }

  async heads(): Promise<HeadsTable> {
    this.log('heads');
    const layer: number[] = [], head: number[] = [], entropy: number[] = [], label: string[] = [];
    for (let l = 0; l < N_LAYERS; l++) for (let h = 0; h < N_HEADS; h++) {
      layer.push(l);
      head.push(h);
      entropy.push(l * N_HEADS + h);
      label.push(h === 0 ? 'first-token' : 'broad');
    }
    return { columns: ['layer', 'head', 'entropy', 'label'], n: layer.length, data: { layer, head, entropy, label }, metrics: ['entropy'], labels: ['broad', 'first-token'], has_map: false };
  }

  async headInfo(layer: number, head: number) {
    this.log('headInfo', layer, head);
    const slope = 0.25 * (head + 1);
    return {
      layer, head, kv_head: head, terms: { scale: 0.35, causal: false, window: null, softcap: null, alibi_slope: slope },
      beyond_qk: [`ALiBi slope ${slope}: logits + slope * (key position - query position); the layout shows the content part`],
      label: null, rule: null, metrics: null, fidelity: { 'pca-2d': 0.4 }, analysis_error: 'fake: head analysis is missing; run `qkatlas analyze fake`',
    };
  }

  async similar(layer: number, head: number, k: number) {
    this.log('similar', layer, head, k);
    return { layer, head, heads: [{ layer: (layer + 1) % N_LAYERS, head, score: 0.5 }] };
  }

  async aggregate(layer: number, head: number, weighted: boolean) {
    this.log('aggregate', layer, head, weighted);
    return { positions: SEQ_LEN, weights: new Float32Array(SEQ_LEN * SEQ_LEN) };
  }

  async fidelity() {
    this.log('fidelity');
    return { columns: ['layer', 'head', 'layout', 'fidelity'], n: 0, data: { layer: [], head: [], layout: [], fidelity: [] } };
  }

  // ---- why a head attends (optional methods of AtlasSource) ----
  async components(layer: number, head: number) {
    this.log('components', layer, head);
    return { layer, head, source: 'vectors' as const, shares: [0.5, 0.3, 0.15, 0.05], sigma: [4, 3, 2, 1], explained: [0.5, 0.8, 0.95, 1] };
  }

  async contributions(layer: number, head: number, query: number, key: number) {
    this.log('contributions', layer, head, query, key);
    const contributions = [2, -0.5, 0.25, 0.125];
    return { layer, head, query, key, seq: Math.floor(query / SEQ_LEN), query_pos: query % SEQ_LEN, key_pos: key % SEQ_LEN,
      logit: 3, contributions, rest: 3 - 1.875, sequence_offset: 0.5, probability: 0.75, masked: false };
  }

  async componentScores(layer: number, head: number, component: number) {
    this.log('componentScores', layer, head, component);
    // queries positive, keys negative, growing with the row: a diverging colour scale shows both ends
    const scores = Float32Array.from({ length: 2 * N_TOKENS }, (_, i) => (i < N_TOKENS ? i + 1 : -(i - N_TOKENS + 1)));
    return { component, perRole: N_TOKENS, scores, maxAbs: N_TOKENS };
  }

  async topSequences(layer: number, head: number) {
    this.log('topSequences', layer, head);
    return { layer, head, label: 'broad', metric: 'entropy_norm', rows: [{ rank: 0, seq: 2, score: 0.9, text: 'sentence 2' }, { rank: 1, seq: 0, score: 0.8, text: 'sentence 0' }] };
  }

  async valueNorms(layer: number, head: number) {
    this.log('valueNorms', layer, head);
    const norms = Uint8Array.from({ length: 2 * N_TOKENS }, (_, i) => (i % N_TOKENS) * 8);
    return { heads: [[layer, head]] as [number, number][], perRole: N_TOKENS, norms, max: new Float32Array([2]) };
  }

  async valueWeightedAttention(layer: number, head: number, seq: number) {
    this.log('valueWeightedAttention', layer, head, seq);
    const weights = new Float32Array(SEQ_LEN * SEQ_LEN);
    for (let i = 0; i < SEQ_LEN; i++) weights[i * SEQ_LEN + (SEQ_LEN - 1)] = 1; // all on the last token
    return { seq, start: seq * SEQ_LEN, n: SEQ_LEN, weights };
  }

  async thumbnails() {
    this.log('thumbnails');
    return 'sprite.png';
  }

  async image(seq: number): Promise<HTMLImageElement | ImageBitmap> {
    this.log('image', seq);
    throw new SourceError(404, 'no images');
  }
}

export class FakeSource implements DataSource {
  readonly kind = 'fake';
  readonly atlasSource = new FakeAtlas();

  async atlases(): Promise<AtlasSummary[]> {
    return [SUMMARY];
  }

  atlas(id: string): AtlasSource {
    if (id !== 'fake') throw new SourceError(404, `unknown atlas ${id}`);
    return this.atlasSource;
  }
}
