// The head table (metrics, taxonomy labels, head map) indexed by head: row of a head, label
// colours, metric ranges, and the display orders of the matrix ("sort").
import type { Cell, HeadsTable } from '../api/types';
import { categorical, extent, hexToRgb, type RGB } from '../render/colors';
import { measureOf, measuresIn } from '../render/measure-tint';

export function num(v: Cell | undefined): number {
  return typeof v === 'number' ? v : v === null || v === undefined || typeof v === 'boolean' ? NaN : Number(v);
}

export interface HeadMapPoint {
  /** head index, layer * nHeads + head */
  index: number;
  x: number;
  y: number;
  label: string;
}

export class Heads {
  private rows: Int32Array;
  private extents = new Map<string, [number, number]>();

  constructor(readonly table: HeadsTable, readonly nLayers: number, readonly nHeads: number) {
    this.rows = new Int32Array(nLayers * nHeads).fill(-1);
    for (let i = 0; i < table.n; i++) {
      const index = this.indexOf(i);
      if (index >= 0 && index < this.rows.length) this.rows[index] = i;
    }
  }

  get metrics(): string[] {
    return this.table.metrics;
  }

  get labels(): string[] {
    return this.table.labels;
  }

  get hasMap(): boolean {
    return this.table.has_map;
  }

  /** head index of table row i */
  indexOf(i: number): number {
    return num(this.table.data.layer[i]) * this.nHeads + num(this.table.data.head[i]);
  }

  /** table row of head `index`, or -1 */
  row(index: number): number {
    return index >= 0 && index < this.rows.length ? this.rows[index] : -1;
  }

  column(name: string): Cell[] | undefined {
    return this.table.data[name];
  }

  label(row: number): string {
    return String(this.table.data.label?.[row] ?? '');
  }

  rule(row: number): string {
    return String(this.table.data.rule?.[row] ?? '');
  }

  labelColor(label: string): RGB {
    const hex = this.table.label_colors?.[label];
    if (hex) return hexToRgb(hex);
    const i = this.table.labels.indexOf(label);
    return categorical(i < 0 ? 7 : i);
  }

  description(label: string): string {
    return this.table.label_descriptions?.[label] ?? '';
  }

  /** finite [min, max] of a metric column */
  metricExtent(name: string): [number, number] {
    let e = this.extents.get(name);
    if (!e) {
      e = extent((this.column(name) ?? []).map(num).filter(Number.isFinite));
      this.extents.set(name, e);
    }
    return e;
  }

  /** `none`, `layer`, `label` and `metric:NAME` of an existing metric are options of tint and sort;
   * `layout:fidelity` / `layout:geometry` (render/measure-tint.ts) of tint, when the table has them. */
  isOption(v: string): boolean {
    const m = measureOf(v);
    if (m) return measuresIn(this.metrics).includes(m);
    return v === 'none' || v === 'layer' || v === 'label' || (v.startsWith('metric:') && this.metrics.includes(v.slice(7)));
  }

  /** Head indices in the display order of `sort` ("layer", "label", "metric:NAME"); undefined = layer-major. */
  order(sort: string): number[] | undefined {
    if (sort === 'layer') return undefined;
    const t = this.table;
    const rows = Array.from({ length: t.n }, (_, i) => i);
    if (sort === 'label') {
      const labels = t.labels;
      rows.sort((a, b) => labels.indexOf(this.label(a)) - labels.indexOf(this.label(b)) || this.indexOf(a) - this.indexOf(b));
    } else if (sort.startsWith('metric:')) {
      const col = this.column(sort.slice(7));
      if (!col) return undefined;
      const v = (i: number) => {
        const x = num(col[i]);
        return Number.isFinite(x) ? x : -Infinity;
      };
      rows.sort((a, b) => v(b) - v(a) || this.indexOf(a) - this.indexOf(b));
    }
    const order = rows.map((i) => this.indexOf(i));
    const seen = new Set(order);
    for (let i = 0; i < this.nLayers * this.nHeads; i++) if (!seen.has(i)) order.push(i);
    return order;
  }

  /** The heads placed on the head map (finite map_x, map_y). */
  mapPoints(): HeadMapPoint[] {
    const xs = this.column('map_x') ?? [], ys = this.column('map_y') ?? [];
    const out: HeadMapPoint[] = [];
    for (let i = 0; i < this.table.n; i++) {
      const x = num(xs[i]), y = num(ys[i]);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      out.push({ index: this.indexOf(i), x, y, label: this.label(i) });
    }
    return out;
  }
}
