// Token labels over the points of one head: candidates in priority order, kept where they do not
// overlap (placeLabels, screen space), drawn on the 2-D canvas above the points and following
// the camera until placed again.
import type { Position } from '@deck.gl/core';
import type { Role } from '../api/source';
import type { Scene, ScreenFrame } from './deck';
import { placeLabels, type LabelCandidate } from './labels';
import { cssColor, type ThemeColors } from './theme';

export interface LabelRequest {
  /** tokens (rows 0..n-1); a candidate key is row (query) or n + row (key) */
  n: number;
  worldOf(row: number, role: Role): Position | null;
  text(row: number): string;
  /** offer candidates with `add(row, role, priority)` (higher priority placed first) */
  candidates(add: (row: number, role: Role, priority: number) => void): void;
}

const MAX_LABELS = 160;

export class TokenLabels {
  private placed: { text: string; world: Position | null }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private scene: Scene) {}

  get count(): number {
    return this.placed.length;
  }

  /** Place again in `delay` ms (coalescing calls while the camera moves); null request: none. */
  schedule(request: () => LabelRequest | null, onPlaced: (count: number) => void, delay = 120): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => onPlaced(this.place(request())), delay);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.placed = [];
  }

  /** Place the labels of `req` (none for null) and redraw; returns how many were placed. */
  place(req: LabelRequest | null): number {
    if (!req) {
      if (this.placed.length) {
        this.placed = [];
        this.scene.drawOverlays();
      }
      return 0;
    }
    const [w, h] = this.scene.size();
    const n = req.n;
    const cands: LabelCandidate[] = [];
    req.candidates((row, role, priority) => {
      const wp = req.worldOf(row, role);
      const sp = wp && this.scene.screenOf(wp);
      if (sp) cands.push({ x: sp[0], y: sp[1], text: req.text(row), priority, key: role === 'key' ? n + row : row });
    });
    this.placed = placeLabels(cands, w, h, { max: MAX_LABELS }).map((p) => ({ text: p.text, world: req.worldOf(p.key! % n, p.key! >= n ? 'key' : 'query') }));
    this.scene.drawOverlays();
    return this.placed.length;
  }

  draw(g: CanvasRenderingContext2D, f: ScreenFrame, th: ThemeColors): void {
    if (!this.placed.length) return;
    g.font = '11px system-ui, Helvetica, Arial, sans-serif';
    g.textBaseline = 'middle';
    for (const l of this.placed) {
      if (!l.world) continue;
      const p = f.project(l.world);
      if (!p) continue;
      const tw = g.measureText(l.text).width;
      g.fillStyle = cssColor(th.labelBg);
      g.fillRect(p[0] + 5, p[1] - 7, tw + 6, 14);
      g.fillStyle = cssColor(th.text);
      g.fillText(l.text, p[0] + 8, p[1]);
    }
  }
}
