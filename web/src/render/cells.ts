// The matrix's cells on the 2-D canvas below the points: each head's background (tinted by a head
// metric or label), border and caption, and the axes (layers down the left, heads along the top)
// labelled at any density (render/axes.ts), sticking to the stage's edge when the grid is panned.
import type { Heads } from '../data/heads';
import type { AppModel } from '../state/store';
import { axisTicks, type AxisLabel } from './axes';
import { RAMPS, rampColor, scale01 } from './colors';
import { measureColor, measureOf, measureValue } from './measure-tint';
import type { ScreenFrame } from './deck';
import { CELL, PITCH, project, type Slot } from './grid';
import { blend, cssColor, themeColors, type RGBA } from './theme';

/** An axis label as drawn: its box on the canvas (for tests: no two overlap). */
export interface DrawnLabel extends AxisLabel {
  w: number;
  h: number;
}

/** Background of a cell: the theme's, or tinted by a head metric (viridis), a layout measure or label. */
export function cellColor(s: Readonly<AppModel>, slot: Slot, pxPerUnit: number): RGBA {
  const th = themeColors(s.theme);
  const heads = s.heads, tint = s.tint;
  if (!heads || tint === 'none') return th.cell;
  const row = heads.row(slot.index);
  if (row < 0) return th.cell;
  const strong = pxPerUnit < 300; // lighter tint when one head fills the view
  if (tint === 'label') return blend(th.cell, heads.labelColor(heads.label(row)), strong ? 0.28 : 0.1);
  if (measureOf(tint)) { // fidelity or geometry of the layout on show, fixed 0..1 scale
    const v = measureValue((c) => heads.column(c), tint, s.layout ?? '', row);
    return v === null ? th.cell : blend(th.cell, measureColor(v), strong ? 0.55 : 0.2);
  }
  const name = tint.slice(7);
  const col = heads.column(name);
  if (!col) return th.cell;
  const [lo, hi] = heads.metricExtent(name);
  const v = col[row];
  if (typeof v !== 'number' || !Number.isFinite(v)) return th.cell;
  return blend(th.cell, rampColor(RAMPS.viridis, scale01(v, lo, hi)), strong ? 0.45 : 0.15);
}

/**
 * Draw every visible cell, the captions and the axes; returns the axis labels drawn.
 * `focus`: the head on show (accent border), or -1; `missing(index)`: a head with no points yet
 * (a layout being computed), drawn hatched.
 */
export function drawCells(g: CanvasRenderingContext2D, f: ScreenFrame, s: Readonly<AppModel>, focus: number, missing: (index: number) => boolean): DrawnLabel[] {
  const grid = s.grid;
  if (!s.info || !grid || f.mode3d) return [];
  const th = themeColors(s.theme);
  const vs = f.view, w = f.width, h = f.height;
  const px = 2 ** (vs.zoom ?? 0);
  const sz = px * CELL;
  const heads: Heads | null = s.heads;
  const labelTint = s.tint === 'label' && heads;
  const sorted = s.sort !== 'layer';
  const fontPx = Math.min(12, Math.max(9, px / 10));
  g.font = `${fontPx}px system-ui, Helvetica, Arial, sans-serif`;
  g.textBaseline = 'bottom';
  for (const slot of grid.slots) {
    const [x0, y0] = project(vs, w, h, slot.x, slot.y);
    if (x0 > w || y0 > h + 20 || x0 + sz < 0 || y0 + sz < -20) continue;
    g.fillStyle = cssColor(cellColor(s, slot, px));
    g.fillRect(x0, y0, sz, sz);
    if (missing(slot.index)) hatch(g, x0, y0, sz, th.cellLine);
    const row = heads ? heads.row(slot.index) : -1;
    const border: number[] = slot.index === focus ? th.accent : labelTint && row >= 0 ? [...heads!.labelColor(heads!.label(row)), 255] : th.cellLine;
    g.strokeStyle = cssColor(border);
    g.lineWidth = slot.index === focus || labelTint ? 2 : 1;
    if (sz >= 3) g.strokeRect(x0 + 0.5, y0 + 0.5, sz - 1, sz - 1);
    // captions: every cell when the rows are not layers (sorted) or when cells are large
    if ((sorted && px >= 34) || px >= 110) {
      let text = `L${slot.layer} H${slot.head}`;
      if (labelTint && row >= 0 && px >= 110) text += ` \u00b7 ${heads!.label(row)}`;
      g.fillStyle = cssColor(th.muted);
      g.fillText(text, x0 + 1, y0 - 2);
    }
  }
  g.fillStyle = cssColor(th.muted);
  return sorted || px >= 110 ? [] : drawAxes(g, f, grid.nRows, grid.nCols, fontPx);
}

/** Layer labels left of the rows, head labels above the columns, thinned so that none overlap. */
function drawAxes(g: CanvasRenderingContext2D, f: ScreenFrame, nRows: number, nCols: number, fontPx: number): DrawnLabel[] {
  const s = f.view, w = f.width, h = f.height;
  const px = 2 ** (s.zoom ?? 0), pitch = PITCH * px, half = (CELL * px) / 2;
  const out: DrawnLabel[] = [];
  const [gx, gy] = project(s, w, h, 0, 0);
  // layers: one row each, labels right-aligned left of column 0 (or at the stage's left edge)
  const layerW = g.measureText(`L${nRows - 1}`).width;
  const lx = Math.max(gx - 4, layerW + 3);
  for (const r of axisTicks(nRows, pitch, fontPx + 3)) {
    const cy = gy + r * pitch + half;
    if (cy < -fontPx || cy > h + fontPx) continue;
    out.push({ axis: 'layer', index: r, text: `L${r}`, x: lx, y: cy, w: layerW, h: fontPx });
  }
  // heads: one column each, labels centred above row 0 (or at the stage's top edge)
  const headW = g.measureText(`H${nCols - 1}`).width;
  const ty = Math.max(gy - 3, fontPx + 2);
  for (const c of axisTicks(nCols, pitch, headW + 6)) {
    const cx = gx + c * pitch + half;
    if (cx < -headW || cx > w + headW) continue;
    out.push({ axis: 'head', index: c, text: `H${c}`, x: cx, y: ty, w: headW, h: fontPx });
  }
  g.save();
  for (const l of out) {
    g.textAlign = l.axis === 'layer' ? 'right' : 'center';
    g.textBaseline = l.axis === 'layer' ? 'middle' : 'bottom';
    g.fillText(l.text, l.x, l.y);
  }
  g.restore();
  return out;
}

/** Diagonal lines over a cell whose head has no points yet. */
function hatch(g: CanvasRenderingContext2D, x: number, y: number, sz: number, color: RGBA): void {
  if (sz < 6) return;
  g.save();
  g.beginPath();
  g.rect(x, y, sz, sz);
  g.clip();
  g.strokeStyle = cssColor([color[0], color[1], color[2], 160]);
  g.lineWidth = 1;
  const step = Math.max(5, sz / 8);
  g.beginPath();
  for (let d = -sz; d < sz; d += step) {
    g.moveTo(x + d, y + sz);
    g.lineTo(x + d + sz, y);
  }
  g.stroke();
  g.restore();
}
