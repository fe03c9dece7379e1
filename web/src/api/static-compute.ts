// What a static export leaves to the browser (api/static.ts): attention from the exported
// quantised queries and keys, token search, and the level-of-detail cuts of a layer file.
// Pure functions over typed arrays; the Python references are qkatlas/share/qk.py
// (browser_attention) and qkatlas/server/service (search, layout and norms messages).

/** A head's attention terms, as the export's query files carry them (qkatlas/attention.py). */
export interface Terms {
  scale: number;
  causal: boolean;
  window: number | null;
  softcap: number | null;
  alibi_slope: number | null;
}

/** Vectors of one head as the export stores them: uint8 codes (n, d), per dimension lo..hi. */
export interface Codes {
  codes: Uint8Array;
  lo: Float32Array;
  hi: Float32Array;
  d: number;
}

export const LEVELS = 255;

/** Rows start..start+n-1 dequantised: x = lo + code / 255 * (hi - lo). */
export function dequantizeRows(v: Codes, start: number, n: number): Float64Array {
  const { d, codes, lo, hi } = v;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = (start + i) * d;
    for (let j = 0; j < d; j++) out[i * d + j] = lo[j] + (codes[o + j] / LEVELS) * (hi[j] - lo[j]);
  }
  return out;
}

/**
 * Attention probabilities (float32, rows x n) of the queries at positions `rows` of a sequence
 * over its n keys, through the attention contract: scale, soft-cap, ALiBi, causal mask, window;
 * masked keys get exactly 0.
 */
export function probabilities(q: Float64Array, k: Float64Array, d: number, n: number, rows: number[], t: Terms): Float32Array {
  const out = new Float32Array(rows.length * n);
  const logits = new Float64Array(n);
  rows.forEach((i, r) => {
    let top = -Infinity;
    for (let j = 0; j < n; j++) {
      const visible = (!t.causal || j <= i) && (t.window === null || (t.causal ? i - j < t.window : Math.abs(i - j) < t.window));
      if (!visible) {
        logits[j] = -Infinity;
        continue;
      }
      let dot = 0;
      for (let c = 0; c < d; c++) dot += q[r * d + c] * k[j * d + c];
      let x = dot * t.scale;
      if (t.softcap !== null) x = t.softcap * Math.tanh(x / t.softcap);
      if (t.alibi_slope !== null) x += t.alibi_slope * (j - i);
      logits[j] = x;
      if (x > top) top = x;
    }
    if (top === -Infinity) return;
    let total = 0;
    for (let j = 0; j < n; j++) total += logits[j] === -Infinity ? 0 : Math.exp(logits[j] - top);
    for (let j = 0; j < n; j++) out[r * n + j] = logits[j] === -Infinity ? 0 : Math.exp(logits[j] - top) / total;
  });
  return out;
}

/** Python's str.casefold() for the cases tokens meet (ß -> ss, final sigma, ligatures). */
export function casefold(s: string): string {
  return s.toUpperCase().toLowerCase();
}

export interface SearchResult {
  rows: Uint32Array;
  nDistinct: number;
}

/**
 * Rows whose string matches, like the server's search: exact ignores case (unless `caseSensitive`)
 * and surrounding whitespace; a pattern is a JavaScript RegExp searched anywhere in the token.
 * Throws a SyntaxError for a bad pattern.
 */
export function searchRows(codes: ArrayLike<number>, strings: string[], q: string, regex: boolean, caseSensitive: boolean): SearchResult {
  let hit: boolean[];
  if (regex) {
    const pat = new RegExp(q, caseSensitive ? 'u' : 'iu');
    hit = strings.map((s) => pat.test(s));
  } else {
    const want = caseSensitive ? q.trim() : casefold(q.trim());
    hit = strings.map((s) => (caseSensitive ? s.trim() : casefold(s.trim())) === want);
  }
  const rows: number[] = [];
  for (let i = 0; i < codes.length; i++) if (hit[codes[i]]) rows.push(i);
  return { rows: Uint32Array.from(rows), nDistinct: hit.filter(Boolean).length };
}

/** Number of distinct sequences among ascending token rows, given sequence starts (ascending). */
export function countSequences(rows: Uint32Array, starts: number[]): number {
  let count = 0, s = -1;
  for (const r of rows) {
    if (s + 1 < starts.length && r >= starts[s + 1]) {
      while (s + 1 < starts.length && r >= starts[s + 1]) s++;
      count++;
    }
  }
  return count;
}

/**
 * Some heads and points of a layer's layout block, re-quantised to the kept points' own box as the
 * server does for a sample: `pick` = head indices in the block, `rows` = token rows (null = all).
 */
export function cutLayout(coords: Uint16Array, bounds: Float32Array, dim: number, m: number, pick: number[], rows: Uint32Array | null): { coords: Uint16Array; bounds: Float32Array; m: number } {
  const P = 2 * m;
  const mm = rows ? rows.length : m;
  const outC = new Uint16Array(pick.length * 2 * mm * dim);
  const outB = new Float32Array(pick.length * dim * 2);
  pick.forEach((h, k) => {
    const src = (i: number) => (rows ? (i < mm ? rows[i] : m + rows[i - mm]) : i);
    for (let a = 0; a < dim; a++) {
      const lo = bounds[(h * dim + a) * 2], hi = bounds[(h * dim + a) * 2 + 1];
      const value = (i: number) => lo + (coords[(h * P + src(i)) * dim + a] / 65535) * (hi - lo);
      if (!rows) {
        for (let i = 0; i < 2 * mm; i++) outC[(k * 2 * mm + i) * dim + a] = coords[(h * P + i) * dim + a];
        outB[(k * dim + a) * 2] = lo;
        outB[(k * dim + a) * 2 + 1] = hi;
        continue;
      }
      let nlo = Infinity, nhi = -Infinity;
      for (let i = 0; i < 2 * mm; i++) {
        const v = value(i);
        if (v < nlo) nlo = v;
        if (v > nhi) nhi = v;
      }
      if (!(nlo <= nhi)) [nlo, nhi] = [0, 1];
      const span = nhi > nlo ? nhi - nlo : 1;
      for (let i = 0; i < 2 * mm; i++) outC[(k * 2 * mm + i) * dim + a] = Math.max(0, Math.min(65535, Math.round(((value(i) - nlo) / span) * 65535)));
      outB[(k * dim + a) * 2] = nlo;
      outB[(k * dim + a) * 2 + 1] = nhi;
    }
  });
  return { coords: outC, bounds: outB, m: mm };
}

/** Some heads and points of a layer's norms block (uint8 of each head's max), re-scaled to the kept points' max. */
export function cutNorms(norms: Uint8Array, max: Float32Array, m: number, pick: number[], rows: Uint32Array | null): { norms: Uint8Array; max: Float32Array; m: number } {
  const mm = rows ? rows.length : m;
  const out = new Uint8Array(pick.length * 2 * mm);
  const outMax = new Float32Array(pick.length);
  pick.forEach((h, k) => {
    const src = (i: number) => h * 2 * m + (rows ? (i < mm ? rows[i] : m + rows[i - mm]) : i);
    let top = 0;
    for (let i = 0; i < 2 * mm; i++) top = Math.max(top, (norms[src(i)] / 255) * max[h]);
    if (!rows) top = max[h];
    outMax[k] = top > 0 ? top : 1;
    for (let i = 0; i < 2 * mm; i++) out[k * 2 * mm + i] = rows ? Math.max(0, Math.min(255, Math.round(((norms[src(i)] / 255) * max[h]) / outMax[k] * 255))) : norms[src(i)];
  });
  return { norms: out, max: outMax, m: mm };
}
