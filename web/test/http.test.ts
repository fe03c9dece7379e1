// The HTTP data source: today's endpoints and parameters exactly, QKB1 decoding, errors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpSource, fetchTransport, qs, type Params, type Transport } from '../src/api/http';
import { SourceError } from '../src/api/source';
import { encodeMessage } from '../src/api/wire';

/** A transport that records each request and answers from `answer`. */
function recorder(answer: (path: string, params: Params) => unknown): Transport & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    async json<T>(path: string, params?: Params): Promise<T> {
      log.push(path + qs(params));
      return answer(path, params ?? {}) as T;
    },
    async binary(path: string, params?: Params): Promise<ArrayBuffer> {
      log.push(path + qs(params));
      return answer(path, params ?? {}) as ArrayBuffer;
    },
    url: (path: string) => `/api${path}`,
  };
}

describe('HttpSource', () => {
  it('asks the server\'s endpoints with today\'s parameters', async () => {
    const t = recorder((path) => {
      if (path === '/atlases') return { atlases: [] };
      if (path.endsWith('/layout/pca-2d')) return encodeMessage({ coords: { data: new Uint16Array(12), shape: [3, 2, 2] }, bounds: { data: new Float32Array(12), shape: [3, 2, 2] } }, { heads: [[3, 0], [3, 1], [3, 2]], dim: 2, n_per_role: 1 });
      if (path.endsWith('/attention') || path.endsWith('/aggregate')) return encodeMessage({ attention: { data: new Float32Array(4), shape: [4] } }, { seq: 0, start: 0, n: 4, positions: 2 });
      if (path.endsWith('/search') || path.endsWith('/sample')) return encodeMessage({ rows: { data: new Uint32Array([1, 5]), shape: [2] } }, { n_tokens: 2, n_sequences: 1, n_distinct: 1 });
      if (path.endsWith('/norms')) return encodeMessage({ norms: { data: new Uint8Array(2), shape: [1, 2] }, max: { data: new Float32Array(1), shape: [1] } }, { heads: [[0, 0]], n_per_role: 1 });
      return {};
    });
    const src = new HttpSource(t);
    await src.atlases();
    const a = src.atlas('mini lm');
    expect(src.atlas('mini lm')).toBe(a);
    await a.info();
    await a.sequences();
    await a.headInfo!(2, 5);
    await a.sample(138);
    const block = await a.layout('pca-2d', { layer: 3, sample: 138 });
    await a.layout('pca-2d', { layer: 3, head: 7 });
    await a.norms({ layer: 1, sample: null });
    await a.tokenAttention(2, 3, 40, 'key');
    await a.sequenceAttention(2, 3, 1);
    const hits = await a.search({ q: 'the', regex: false });
    await a.search({ q: '^(the|a)$', regex: true });
    await a.heads();
    await a.similar(1, 4, 6);
    await a.aggregate(1, 4, true);
    await a.fidelity();
    expect(await a.thumbnails()).toBe('/api/atlas/mini%20lm/thumbnails.png');
    expect(t.log).toEqual([
      '/atlases',
      '/atlas/mini%20lm',
      '/atlas/mini%20lm/sequences?offset=0&limit=20000',
      '/atlas/mini%20lm/head?layer=2&head=5',
      '/atlas/mini%20lm/sample?size=138',
      '/atlas/mini%20lm/layout/pca-2d?layer=3&sample=138',
      '/atlas/mini%20lm/layout/pca-2d?layer=3&head=7',
      '/atlas/mini%20lm/norms?layer=1',
      '/atlas/mini%20lm/attention?layer=2&head=3&token=40&role=key',
      '/atlas/mini%20lm/attention?layer=2&head=3&seq=1',
      '/atlas/mini%20lm/search?q=the&regex=false',
      '/atlas/mini%20lm/search?q=%5E(the%7Ca)%24&regex=true',
      '/atlas/mini%20lm/heads',
      '/atlas/mini%20lm/similar?layer=1&head=4&k=6',
      '/atlas/mini%20lm/aggregate?layer=1&head=4&weighted=true',
      '/atlas/mini%20lm/fidelity',
    ]);
    expect(block.heads).toEqual([[3, 0], [3, 1], [3, 2]]);
    expect(block.perRole).toBe(1);
    expect(block.coords).toBeInstanceOf(Uint16Array);
    expect(block.bytes).toBeGreaterThan(48);
    expect(Array.from(hits.rows)).toEqual([1, 5]);
    expect(hits.nTokens).toBe(2);
  });

  it('pages through a sequence table larger than the server answers at once (413: smaller pages)', async () => {
    const N = 50000;
    const t = recorder((_path, p) => {
      const offset = Number(p.offset), limit = Number(p.limit);
      if (limit > 15000) throw new SourceError(413, 'sequences 0..19999 would be 80 MiB, over this server\'s limit');
      const rows = Array.from({ length: Math.min(limit, N - offset) }, (_, i) => offset + i);
      return { columns: ['seq', 'start', 'n_tokens'], n: rows.length, offset, total: N, data: { seq: rows, start: rows.map((r) => r * 3), n_tokens: rows.map(() => 3) } };
    });
    const seqs = await new HttpSource(t).atlas('big').sequences();
    expect(seqs.n).toBe(N);
    expect(seqs.data.seq.length).toBe(N);
    expect(seqs.data.start[N - 1]).toBe((N - 1) * 3);
    expect(t.log).toEqual([
      '/atlas/big/sequences?offset=0&limit=20000',
      '/atlas/big/sequences?offset=0&limit=10000',
      ...[1, 2, 3, 4].map((k) => `/atlas/big/sequences?offset=${k * 10000}&limit=10000`),
    ]);
  });

  it('asks once when the whole table fits', async () => {
    const t = recorder(() => ({ columns: ['seq', 'start', 'n_tokens'], n: 2, data: { seq: [0, 1], start: [0, 4], n_tokens: [4, 4] } }));
    const seqs = await new HttpSource(t).atlas('x').sequences();
    expect(seqs.n).toBe(2);
    expect(t.log).toEqual(['/atlas/x/sequences?offset=0&limit=20000']);
  });

  it('decodes the token table', async () => {
    const msg = encodeMessage(
      { seq: { data: new Uint8Array([0, 0, 1]), shape: [3] }, token: { data: new Uint16Array([1, 0, 1]), shape: [3] } },
      { n: 3, columns: [{ name: 'seq', kind: 'int' }, { name: 'token', kind: 'category' }], strings: { token: ['a', 'b'] } },
    );
    const tok = await new HttpSource(recorder(() => msg)).atlas('x').tokens();
    expect(tok.n).toBe(3);
    expect(tok.columns.map((c) => [c.name, c.kind, Array.from(c.data)])).toEqual([['seq', 'int', [0, 0, 1]], ['token', 'category', [1, 0, 1]]]);
    expect(tok.strings.token).toEqual(['a', 'b']);
  });

  it('rejects a message without the expected array', async () => {
    const msg = encodeMessage({ other: { data: new Float32Array(1), shape: [1] } }, { seq: 0, start: 0, n: 1 });
    await expect(new HttpSource(recorder(() => msg)).atlas('x').tokenAttention(0, 0, 0, 'query')).rejects.toThrow(/attention/);
  });
});

describe('fetchTransport', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('turns the server\'s {"error": ...} into a SourceError with the status', async () => {
    const fetch = vi.fn(async (url: string) => new Response(JSON.stringify({ error: `no such endpoint: ${url}` }), { status: 404, statusText: 'Not Found' }));
    vi.stubGlobal('fetch', fetch);
    const err = await new HttpSource(fetchTransport('/api')).atlas('m').heads().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).status).toBe(404);
    expect((err as SourceError).message).toBe('no such endpoint: /api/atlas/m/heads');
    expect(fetch).toHaveBeenCalledWith('/api/atlas/m/heads');
  });

  it('keeps the status text when the body is not JSON', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('oops', { status: 503, statusText: 'Service Unavailable' })));
    await expect(fetchTransport().binary('/atlases')).rejects.toThrow('503 Service Unavailable');
  });
});
