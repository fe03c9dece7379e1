// Level of detail of the matrix: how many points per role each head's cell draws, from the cell's
// size on screen (a cell of s x s pixels shows about DENSITY * s^2 points per role), the total
// point budget, and the server's response limit for one layer's request.

/** Points per role per square pixel of a cell worth drawing (more only overdraws). */
export const DENSITY = 1;
/** Never fewer points per role per head than this (or all tokens when fewer). */
export const MIN_PER_ROLE = 16;

export interface LodInput {
  /** tokens in the atlas (points per role at full resolution) */
  nTokens: number;
  /** side of one head's drawing area in CSS pixels */
  cellPx: number;
  /** points (queries + keys) the matrix may draw in all */
  budget: number;
  /** heads drawn together under that budget */
  heads: number;
  /** the most points per role that one request of `perRequest` heads may carry (server limit), or Infinity */
  limitPerRole?: number;
}

/** Points per role per head: the cell's pixels, the budget and the limit, at least MIN_PER_ROLE (or n). */
export function perRoleFor(d: LodInput): number {
  const byPixels = Math.ceil(DENSITY * d.cellPx * d.cellPx);
  const byBudget = Math.floor(d.budget / (2 * Math.max(1, d.heads)));
  const m = Math.min(d.nTokens, byPixels, byBudget, d.limitPerRole ?? Infinity);
  return Math.max(Math.min(d.nTokens, MIN_PER_ROLE), Math.floor(m));
}

/** Points per role that one layer request of `heads` heads in `dim` dimensions may carry under `responseBytes`. */
export function limitPerRole(responseBytes: number | undefined, heads: number, dim: number): number {
  if (!responseBytes) return Infinity;
  return Math.floor(responseBytes / (Math.max(1, heads) * 2 * dim * 2));
}

/**
 * Snap a wanted detail level down to a few levels (so that zooming reuses fetched blocks and the
 * budget holds): the base level times a power of 2, or all tokens once `want` reaches them.
 */
export function detailLevel(want: number, base: number, nTokens: number): number {
  if (want >= nTokens) return nTokens;
  let m = base;
  while (m * 2 <= want) m *= 2;
  return Math.min(m, nTokens);
}
