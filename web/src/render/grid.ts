// Geometry of the matrix: one square cell per head in world units, laid out in rows of columns,
// and the orthographic projection used by deck.gl's OrthographicView (flipY: y grows downward).
// Pure functions, no DOM.

export const CELL = 1;
export const GAP = 0.14;
export const PAD = 0.04;
export const PITCH = CELL + GAP;

export interface Slot {
  /** index of the head in the atlas, layer * nHeads + head */
  index: number;
  layer: number;
  head: number;
  row: number;
  col: number;
  /** world position of the cell's top-left corner */
  x: number;
  y: number;
}

export interface OrthoViewState {
  target: [number, number, number] | [number, number];
  zoom: number;
}

/**
 * Cells of every head. `order` lists head indices in display order (default: layer-major);
 * the grid has `nCols` columns.
 */
export function gridSlots(nLayers: number, nHeads: number, order?: number[], nCols = nHeads): Slot[] {
  const total = nLayers * nHeads;
  const ord = order ?? Array.from({ length: total }, (_, i) => i);
  return ord.map((index, i) => {
    const row = Math.floor(i / nCols), col = i % nCols;
    return { index, layer: Math.floor(index / nHeads), head: index % nHeads, row, col, x: col * PITCH, y: row * PITCH };
  });
}

/** World size of a grid of rows x cols cells. */
export function gridSize(rows: number, cols: number): [number, number] {
  return [cols * PITCH - GAP, rows * PITCH - GAP];
}

/** Zoom (log2 pixels per world unit) that fits a world box into a screen box with a margin. */
export function fitZoom(worldW: number, worldH: number, screenW: number, screenH: number, margin = 0.94): number {
  const s = Math.min(screenW / Math.max(worldW, 1e-9), screenH / Math.max(worldH, 1e-9)) * margin;
  return Math.log2(Math.max(s, 1e-9));
}

/** The view state that shows a world box [x, y, w, h] centred in a screen of width x height. */
export function fitBox(x: number, y: number, w: number, h: number, width: number, height: number, margin = 0.94): OrthoViewState {
  return { target: [x + w / 2, y + h / 2, 0], zoom: fitZoom(w, h, width, height, margin) };
}

/** World -> screen pixels (relative to the canvas). */
export function project(vs: OrthoViewState, width: number, height: number, wx: number, wy: number): [number, number] {
  const s = 2 ** vs.zoom;
  return [(wx - vs.target[0]) * s + width / 2, (wy - vs.target[1]) * s + height / 2];
}

/** Screen pixels (relative to the canvas) -> world. */
export function unproject(vs: OrthoViewState, width: number, height: number, sx: number, sy: number): [number, number] {
  const s = 2 ** vs.zoom;
  return [(sx - width / 2) / s + vs.target[0], (sy - height / 2) / s + vs.target[1]];
}

/** The slot whose cell contains world point (wx, wy), or -1. */
export function cellAt(slots: Slot[], nCols: number, wx: number, wy: number): number {
  const col = Math.floor(wx / PITCH), row = Math.floor(wy / PITCH);
  if (col < 0 || col >= nCols || row < 0) return -1;
  if (wx - col * PITCH > CELL || wy - row * PITCH > CELL) return -1;
  const i = row * nCols + col;
  return i < slots.length ? i : -1;
}

/** Fixed view direction that turns a 3-D layout into a 2-D cell in the matrix (yaw 35 deg, pitch 25 deg). */
const YAW = (35 * Math.PI) / 180, PITCH3 = (25 * Math.PI) / 180;
const CY = Math.cos(YAW), SY = Math.sin(YAW), CP = Math.cos(PITCH3), SP = Math.sin(PITCH3);
export function view3d(x: number, y: number, z: number): [number, number] {
  const x1 = CY * x + SY * z;
  const z1 = -SY * x + CY * z;
  return [x1, CP * y - SP * z1];
}

/**
 * Normalised 2-D positions in [0, 1]^2 of `count` quantised points (uint16, `dim` per point,
 * starting at point `first`), keeping the aspect ratio and centring the cloud.
 * `bounds` holds [lo, hi] per axis. 3-D points are seen from a fixed direction (view3d).
 */
export function localPositions(q: Uint16Array, first: number, count: number, dim: number,
  bounds: ArrayLike<number>, out: Float32Array, outOffset = 0): void {
  const Q = 65535;
  if (dim === 2) {
    const sx = bounds[1] - bounds[0], sy = bounds[3] - bounds[2];
    const span = Math.max(sx, sy) || 1;
    const fx = sx / span / Q, fy = sy / span / Q;
    const ox = (1 - sx / span) / 2, oy = (1 - sy / span) / 2;
    for (let i = 0; i < count; i++) {
      const j = (first + i) * 2;
      out[outOffset + i * 2] = ox + q[j] * fx;
      out[outOffset + i * 2 + 1] = oy + q[j + 1] * fy;
    }
    return;
  }
  // 3-D: dequantise, centre on the box centre, rotate, then fit.
  const lo = [bounds[0], bounds[2], bounds[4]], sp = [bounds[1] - bounds[0], bounds[3] - bounds[2], bounds[5] - bounds[4]];
  const tmp = new Float32Array(count * 2);
  let minx = Infinity, maxx = -Infinity, miny = Infinity, maxy = -Infinity;
  for (let i = 0; i < count; i++) {
    const j = (first + i) * 3;
    const x = lo[0] + (q[j] / Q) * sp[0] - (lo[0] + sp[0] / 2);
    const y = lo[1] + (q[j + 1] / Q) * sp[1] - (lo[1] + sp[1] / 2);
    const z = lo[2] + (q[j + 2] / Q) * sp[2] - (lo[2] + sp[2] / 2);
    const [px, py] = view3d(x, y, z);
    tmp[i * 2] = px; tmp[i * 2 + 1] = py;
    if (px < minx) minx = px; if (px > maxx) maxx = px;
    if (py < miny) miny = py; if (py > maxy) maxy = py;
  }
  const sx = maxx - minx, sy = maxy - miny, span = Math.max(sx, sy) || 1;
  const ox = (1 - sx / span) / 2, oy = (1 - sy / span) / 2;
  for (let i = 0; i < count; i++) {
    out[outOffset + i * 2] = ox + (tmp[i * 2] - minx) / span;
    out[outOffset + i * 2 + 1] = oy + (tmp[i * 2 + 1] - miny) / span;
  }
}

/** 3-D positions centred at the origin in a unit cube (aspect kept), for the orbit view. */
export function positions3d(q: Uint16Array, first: number, count: number, bounds: ArrayLike<number>): Float32Array {
  const Q = 65535;
  const sp = [bounds[1] - bounds[0], bounds[3] - bounds[2], bounds[5] - bounds[4]];
  const span = Math.max(sp[0], sp[1], sp[2]) || 1;
  const out = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    const j = (first + i) * 3;
    for (let a = 0; a < 3; a++) out[i * 3 + a] = ((q[j + a] / Q - 0.5) * sp[a]) / span;
  }
  return out;
}

/** The matrix: every head's slot, and where each head sits (slotOf[head index] = slot). */
export interface MatrixGrid {
  slots: Slot[];
  slotOf: Int32Array;
  nCols: number;
  nRows: number;
}

/** Rows of `nHeads` cells (one row per model layer unless `order` sorts the heads). */
export function makeGrid(nLayers: number, nHeads: number, order?: number[]): MatrixGrid {
  const total = nLayers * nHeads;
  const nCols = nHeads;
  const slots = gridSlots(nLayers, nHeads, order, nCols);
  const slotOf = new Int32Array(total);
  slots.forEach((s, i) => (slotOf[s.index] = i));
  return { slots, slotOf, nCols, nRows: Math.ceil(total / nCols) };
}

/** The slot of head `index`. */
export function slotOfHead(grid: MatrixGrid, index: number): Slot {
  return grid.slots[grid.slotOf[index]];
}

/** Screen pixels kept free left of and above the matrix for the axis labels (render/cells.ts). */
export const AXIS_LEFT = 34, AXIS_TOP = 20, EDGE = 10;

/** View state that shows the whole matrix in a screen of width x height, axis labels included. */
export function fitMatrix(grid: MatrixGrid, width: number, height: number): OrthoViewState {
  const [gw, gh] = gridSize(grid.nRows, grid.nCols);
  const s = Math.max(1e-9, Math.min((width - AXIS_LEFT - 2 * EDGE) / gw, (height - AXIS_TOP - 2 * EDGE) / gh));
  return { target: [gw / 2 - AXIS_LEFT / (2 * s), gh / 2 - AXIS_TOP / (2 * s), 0], zoom: Math.log2(s) };
}

/** Pixels per world unit when the whole matrix of rows x cols cells fits a screen of width x height. */
export function matrixScale(rows: number, cols: number, width: number, height: number): number {
  const [gw, gh] = gridSize(rows, cols);
  return Math.max(1e-9, Math.min((width - AXIS_LEFT - 2 * EDGE) / gw, (height - AXIS_TOP - 2 * EDGE) / gh));
}

/** View state that fills the screen with head `index`'s cell. */
export function fitCell(grid: MatrixGrid, index: number, width: number, height: number): OrthoViewState {
  const s = slotOfHead(grid, index);
  return fitBox(s.x, s.y, CELL, CELL, width, height, 0.92);
}

/** The head `dRow` rows and `dCol` columns from head `index` in display order (wrapping rows), or -1. */
export function stepHead(grid: MatrixGrid, index: number, dRow: number, dCol: number): number {
  const cur = grid.slotOf[index];
  let row = Math.floor(cur / grid.nCols) + dRow, col = (cur % grid.nCols) + dCol;
  if (col < 0) { col = grid.nCols - 1; row--; }
  if (col >= grid.nCols) { col = 0; row++; }
  const i = row * grid.nCols + col;
  if (row < 0 || i >= grid.slots.length) return -1;
  return grid.slots[i].index;
}

/** Model layers with a cell inside a screen of width x height under view state `vs`, ascending. */
export function visibleLayers(grid: MatrixGrid, vs: OrthoViewState, width: number, height: number): number[] {
  const [x0, y0] = unproject(vs, width, height, 0, 0), [x1, y1] = unproject(vs, width, height, width, height);
  const layers = new Set<number>();
  for (const s of grid.slots) if (s.x + CELL >= x0 && s.x <= x1 && s.y + CELL >= y0 && s.y <= y1) layers.add(s.layer);
  return [...layers].sort((a, b) => a - b);
}
