// Matrix cells tinted by a layout measure of the layout on show: attention fidelity (do queries
// sit near the keys they attend to) or geometry (how much of each point's q/k-space neighbourhood
// the layout keeps). Both are shares in [0, 1] (FORMAT.md, fidelity.parquet), so they share one
// fixed scale: the two tints compare at a glance, and a layout that buys fidelity with geometry
// shows up as bright cells in one and dark in the other. The values come from the head table's
// `fidelity_<layout>` / `geometry_<layout>` columns (the server merges them from fidelity.parquet).
import type { Cell } from '../api/types';
import { RAMPS, rampColor, type RGB } from './colors';

export const MEASURES = ['fidelity', 'geometry'] as const;
export type Measure = (typeof MEASURES)[number];
const PREFIX = 'layout:';

/** What a measure says, for titles and the legend. */
export const MEASURE_HELP: Record<Measure, string> = {
  fidelity: 'attention fidelity: share of each query\u2019s top-5 attended keys among its 5 nearest keys in the layout',
  geometry: 'geometry: share of each point\u2019s 10 nearest neighbours in q/k space kept among its 10 nearest in the layout',
};

/** The tint value of a measure (`layout:fidelity`, `layout:geometry`). */
export function measureTint(m: Measure): string {
  return PREFIX + m;
}

/** The measure a tint value names, or null (other tints: none, label, metric:NAME). */
export function measureOf(tint: string): Measure | null {
  const m = tint.startsWith(PREFIX) ? tint.slice(PREFIX.length) : '';
  return (MEASURES as readonly string[]).includes(m) ? (m as Measure) : null;
}

/** The head-table column holding measure `m` of layout `layout`. */
export function measureColumn(m: Measure, layout: string): string {
  return `${m}_${layout}`;
}

/** The measures the head table has for some layout (the tint options to offer). */
export function measuresIn(columns: readonly string[]): Measure[] {
  return MEASURES.filter((m) => columns.some((c) => c.startsWith(`${m}_`)));
}

/**
 * The value in [0, 1] of tint `tint` for table row `row` of layout `layout`, or null when the tint
 * is not a measure, the layout has no such column, or the head has no value (NaN, a head not
 * measured yet, geometry of an atlas laid out before it existed).
 */
export function measureValue(column: (name: string) => Cell[] | undefined, tint: string, layout: string, row: number): number | null {
  const m = measureOf(tint);
  if (!m || row < 0 || !layout) return null;
  const v = column(measureColumn(m, layout))?.[row];
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : null;
}

/** The colour of a measure value: viridis over the fixed range 0..1 (dark = little kept). */
export function measureColor(v: number): RGB {
  return rampColor(RAMPS.viridis, v);
}
