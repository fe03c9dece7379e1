// Attention weights: the top of a row, and rows renormalised without some keys. Pure functions.

/** The k largest weights (indices, best first) covering at most `mass` of the total, at least one. */
export function topWeights(w: ArrayLike<number>, k = 8, mass = 0.9, minWeight = 0.01): number[] {
  const idx = Array.from({ length: w.length }, (_, i) => i).filter((i) => Number.isFinite(w[i]) && w[i] > 0);
  idx.sort((a, b) => w[b] - w[a]);
  let total = 0;
  for (const i of idx) total += w[i];
  const out: number[] = [];
  let acc = 0;
  for (const i of idx) {
    if (out.length >= k) break;
    if (out.length > 0 && (acc >= mass * total || w[i] < minWeight)) break;
    out.push(i);
    acc += w[i];
  }
  return out;
}

/** Rows renormalised after dropping hidden key columns (hidden: true = drop). */
export function renormalize(att: Float32Array, n: number, hidden: boolean[]): Float32Array {
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) if (!hidden[j]) s += att[i * n + j];
    for (let j = 0; j < n; j++) out[i * n + j] = hidden[j] || s <= 0 ? 0 : att[i * n + j] / s;
  }
  return out;
}
