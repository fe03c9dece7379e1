// Greedy placement of text labels that do not overlap (screen space). Pure function.

export interface LabelCandidate {
  x: number; // screen px (anchor: left end, vertical centre)
  y: number;
  text: string;
  priority: number; // higher first
  key?: number;
}

export interface PlacedLabel extends LabelCandidate {
  w: number;
  h: number;
}

/** Keep the highest-priority labels whose boxes overlap no kept label and lie inside the screen. */
export function placeLabels(cands: LabelCandidate[], width: number, height: number, opts: { charW?: number; h?: number; max?: number; pad?: number } = {}): PlacedLabel[] {
  const charW = opts.charW ?? 6.6, h = opts.h ?? 14, max = opts.max ?? 200, pad = opts.pad ?? 2;
  const sorted = [...cands].sort((a, b) => b.priority - a.priority);
  const cell = 64;
  const grid = new Map<number, PlacedLabel[]>();
  const out: PlacedLabel[] = [];
  const keyOf = (cx: number, cy: number) => cx * 100003 + cy;
  for (const c of sorted) {
    if (out.length >= max) break;
    const w = c.text.length * charW + 6;
    const x0 = c.x + 4, y0 = c.y - h / 2;
    if (x0 < 0 || y0 < 0 || x0 + w > width || y0 + h > height) continue;
    const cx0 = Math.floor(x0 / cell), cx1 = Math.floor((x0 + w) / cell);
    const cy0 = Math.floor(y0 / cell), cy1 = Math.floor((y0 + h) / cell);
    let hit = false;
    for (let cx = cx0; cx <= cx1 && !hit; cx++) {
      for (let cy = cy0; cy <= cy1 && !hit; cy++) {
        for (const o of grid.get(keyOf(cx, cy)) ?? []) {
          if (x0 < o.x + 4 + o.w + pad && x0 + w + pad > o.x + 4 && y0 < o.y - o.h / 2 + o.h + pad && y0 + h + pad > o.y - o.h / 2) {
            hit = true;
            break;
          }
        }
      }
    }
    if (hit) continue;
    const placed = { ...c, w, h };
    out.push(placed);
    for (let cx = cx0; cx <= cx1; cx++) for (let cy = cy0; cy <= cy1; cy++) {
      const k = keyOf(cx, cy);
      if (!grid.has(k)) grid.set(k, []);
      grid.get(k)!.push(placed);
    }
  }
  return out;
}
