// Axis labels of the matrix (layers down the left, heads along the top) at any density: a label
// every Nth row or column (N from 1, 2, 5, 10, 20, 50...) so that labels never overlap, always the
// first and the last. Pure functions; the matrix view draws what axisTicks returns.

/** Steps tried, in order: 1, 2, 5, 10, 20, 50, 100... */
function* niceSteps(): Generator<number> {
  for (let p = 1; ; p *= 10) for (const b of [1, 2, 5]) yield b * p;
}

/**
 * Indices (0..count-1) to label along an axis whose items are `pitchPx` apart on screen when a
 * label takes `labelPx` (its extent along the axis, gap included): multiples of the smallest nice
 * step that keeps neighbours `labelPx` apart, then the last index (dropping multiples too close to
 * it). The first and the last are always labelled, unless the whole axis is shorter than a label.
 */
export function axisTicks(count: number, pitchPx: number, labelPx: number): number[] {
  if (count <= 0) return [];
  const last = count - 1;
  if (last === 0) return [0];
  if (last * pitchPx < labelPx) return [0];
  let step = 1;
  for (const s of niceSteps()) {
    step = s;
    if (s * pitchPx >= labelPx || s >= last) break;
  }
  const out: number[] = [];
  for (let i = 0; i < last; i += step) out.push(i);
  while (out.length > 1 && (last - out[out.length - 1]) * pitchPx < labelPx) out.pop();
  out.push(last);
  return out;
}

/** A label placed by axisTicks: the text and its screen position (anchor as drawn). */
export interface AxisLabel {
  axis: 'layer' | 'head';
  index: number;
  text: string;
  x: number;
  y: number;
}
