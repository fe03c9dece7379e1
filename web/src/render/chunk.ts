// One model layer's heads as the matrix draws them: quantised coordinates of a layout block, their
// positions in [0, 1]^2 and in the world (offset into each head's cell), colours, radii and norms,
// and the deck.gl binary data of one GL_POINTS layer. Pure data; the matrix view owns the chunks.
import type { LayoutBlock, NormsBlock } from '../api/source';
import { CELL, PAD, localPositions, slotOfHead, type MatrixGrid } from './grid';
import { RADIUS, binaryPoints, type BinaryPoints, type HeadPoint } from './layers';

/** A sample of the tokens at one level of detail: its rows, and each token row's place in it. */
export interface Level {
  /** points per role per head */
  m: number;
  /** token rows of the sample, ascending (null: every token) */
  rows: Uint32Array | null;
  /** index[row] = place of the row in the sample, -1 when not in it (null: every token) */
  index: Int32Array | null;
}

export interface Chunk {
  layer: number;
  /** head indices (layer * nHeads + head), in block order */
  heads: number[];
  /** the layer had heads not yet computed (a layout being computed, read with partial=true) */
  partial: boolean;
  level: Level;
  dim: number;
  coords: Uint16Array;
  bounds: Float32Array;
  /** normalised [0,1]^2 per point */
  local: Float32Array;
  /** world, offset into the cells */
  positions: Float32Array;
  colors: Uint8Array;
  radii: Float32Array | null;
  norms: Uint8Array | null;
  data: BinaryPoints;
}

/** A level over `rows` (null: all `n` tokens). */
export function makeLevel(m: number, rows: Uint32Array | null, n: number): Level {
  if (!rows) return { m, rows: null, index: null };
  const index = new Int32Array(n).fill(-1);
  rows.forEach((r, i) => (index[r] = i));
  return { m, rows, index };
}

/** Build a chunk of layer `layer` from a layout block; positions follow `grid` when given. */
export function makeChunk(layer: number, nHeads: number, block: LayoutBlock, level: Level, grid: MatrixGrid | null, partial: boolean): Chunk {
  const heads = block.heads.map(([l, h]) => l * nHeads + h);
  const H = heads.length, m = block.perRole, P = 2 * m, dim = block.dim;
  const local = new Float32Array(H * P * 2);
  for (let h = 0; h < H; h++) localPositions(block.coords, h * P, P, dim, block.bounds.subarray(h * dim * 2, (h + 1) * dim * 2), local, h * P * 2);
  const positions = new Float32Array(H * P * 2), colors = new Uint8Array(H * P * 4);
  const chunk: Chunk = {
    layer, heads, partial, level, dim, coords: block.coords, bounds: block.bounds, local, positions, colors, radii: null, norms: null,
    data: binaryPoints(positions, 2, colors),
  };
  if (grid) placeChunk(chunk, grid);
  return chunk;
}

/** World positions of a chunk's points from their cells (after a sort or a load). */
export function placeChunk(c: Chunk, grid: MatrixGrid): void {
  const P = 2 * c.level.m, inner = CELL - 2 * PAD;
  for (let h = 0; h < c.heads.length; h++) {
    const s = slotOfHead(grid, c.heads[h]);
    const ox = s.x + PAD, oy = s.y + PAD;
    const o = h * P * 2;
    for (let i = 0; i < P; i++) {
      c.positions[o + i * 2] = ox + c.local[o + i * 2] * inner;
      c.positions[o + i * 2 + 1] = oy + (1 - c.local[o + i * 2 + 1]) * inner;
    }
  }
}

/** Radii by norm (null: the layer's default radius). */
export function sizeChunk(c: Chunk, bynorm: boolean): void {
  if (!bynorm || !c.norms) {
    c.radii = null;
    return;
  }
  const r = new Float32Array(c.norms.length);
  for (let i = 0; i < r.length; i++) r[i] = RADIUS * (0.3 + (1.6 * c.norms[i]) / 255);
  c.radii = r;
}

/** New data object: deck.gl re-uploads the attributes. */
export function updateData(c: Chunk): void {
  c.data = binaryPoints(c.positions, 2, c.colors, c.radii);
}

/** Bytes a chunk holds in JS memory. */
export function chunkBytes(c: Chunk): number {
  return c.coords.byteLength + c.bounds.byteLength + c.local.byteLength + c.positions.byteLength + c.colors.byteLength
    + (c.radii?.byteLength ?? 0) + (c.norms?.byteLength ?? 0);
}

/** Position of head `index`'s point of token `row` (role) in a chunk, or null when not drawn. */
export function pointOf(c: Chunk, index: number, row: number, key: boolean): [number, number] | null {
  const si = c.level.index ? c.level.index[row] : row;
  if (si < 0 || si === undefined) return null;
  const h = c.heads.indexOf(index);
  if (h < 0) return null;
  const m = c.level.m, p = h * 2 * m + (key ? m : 0) + si;
  return [c.positions[p * 2], c.positions[p * 2 + 1]];
}

/** The norms of a chunk's heads from a norms block of its layer (a partial layer: those drawn, in its order). */
export function normsOfChunk(c: Chunk, block: NormsBlock, nHeads: number): Uint8Array {
  if (block.heads.length === c.heads.length) return block.norms;
  const P = 2 * c.level.m, out = new Uint8Array(c.heads.length * P);
  block.heads.forEach(([l, h], i) => {
    const j = c.heads.indexOf(l * nHeads + h);
    if (j >= 0) out.set(block.norms.subarray(i * P, (i + 1) * P), j * P);
  });
  return out;
}

/** Points of the search matches in every head of `chunks` but `skip`, both roles (at most `limit`). */
export function searchPointsOf(chunks: Chunk[], rows: Uint32Array, skip: number, limit: number): HeadPoint[] {
  const pts: HeadPoint[] = [];
  for (const c of chunks) {
    for (const index of c.heads) {
      if (index === skip) continue;
      for (let k = 0; k < rows.length; k++) {
        for (const key of [false, true]) {
          const w = pointOf(c, index, rows[k], key);
          if (w) pts.push({ position: w, index, row: rows[k], role: key ? 'key' : 'query' });
        }
        if (pts.length > limit) return pts;
      }
    }
  }
  return pts;
}
