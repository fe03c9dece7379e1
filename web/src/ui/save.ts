// "Save view": the current view as PNG (at 2x) or SVG, downloaded by the browser.
//
// PNG: the three layers of the stage (cells below, the WebGL points, labels above) drawn again
// at twice the device pixels and stacked on the background. SVG: the points, rings, selected
// point and attention lines as vector shapes, read from the deck.gl layers on screen and placed
// with the renderer's own projection; cell frames and labels (2-D canvases) as 2x images. Above
// SVG_MAX_SHAPES visible shapes (or with thumbnails) the points go in as a 2x image too.
// The sequence and image views are DOM canvases: their canvases are stacked into the picture.
import type { Layer } from '@deck.gl/core';
import type { Renderer } from '../render/deck';
import type { AppStore } from '../state/store';
import { el } from './dom';

export const SCALE = 2;
export const SVG_MAX_SHAPES = 200_000;

export interface SaveTarget {
  renderer: Renderer;
  stage: HTMLElement;
  under: HTMLCanvasElement;
  over: HTMLCanvasElement;
  overlay: HTMLElement;
  store: AppStore;
}

type Rgba = [number, number, number, number];
type Accessor = unknown;

/** Draw the stage again at `scale` device pixels per CSS pixel; `use` reads the canvases, then all is restored. */
function atScale<T>(t: SaveTarget, scale: number, use: () => T): T {
  const deck = t.renderer.deck;
  const own = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
  Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => scale }); // the 2-D overlays follow it
  try {
    deck.setProps({ useDevicePixels: scale });
    deck.redraw('save view');
    t.renderer.drawOverlays();
    return use();
  } finally {
    if (own) Object.defineProperty(window, 'devicePixelRatio', own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
    deck.setProps({ useDevicePixels: true });
    deck.redraw('save view done');
    t.renderer.drawOverlays();
  }
}

function background(t: SaveTarget): string {
  return getComputedStyle(t.stage).backgroundColor || '#101317';
}

/** Canvases of the sequence or image view (DOM over the stage), or null when the stage shows. */
function overlayCanvases(t: SaveTarget): HTMLCanvasElement[] | null {
  const v = t.store.get().view;
  if (v !== 'sequence' && v !== 'image') return null;
  return [...t.overlay.querySelectorAll('canvas')];
}

/** The view as one canvas at `scale` x its CSS size. */
export function viewCanvas(t: SaveTarget, scale = SCALE): HTMLCanvasElement {
  const [w, h] = t.renderer.size();
  const out = el('canvas', { width: Math.round(w * scale), height: Math.round(h * scale) });
  const g = out.getContext('2d')!;
  g.fillStyle = background(t);
  g.fillRect(0, 0, out.width, out.height);
  const dom = overlayCanvases(t);
  if (dom) {
    const origin = t.stage.getBoundingClientRect();
    for (const c of dom) {
      const r = c.getBoundingClientRect();
      g.drawImage(c, (r.left - origin.left) * scale, (r.top - origin.top) * scale, r.width * scale, r.height * scale);
    }
    return out;
  }
  atScale(t, scale, () => {
    for (const c of [t.under, t.renderer.canvas, t.over]) g.drawImage(c, 0, 0, out.width, out.height);
  });
  return out;
}

// ---- SVG ------------------------------------------------------------------------------------------
function flat(list: unknown): Layer[] {
  if (!Array.isArray(list)) return list ? [list as Layer] : [];
  return list.flatMap(flat);
}

function value(acc: Accessor, d: unknown, i: number, data: unknown): unknown {
  return typeof acc === 'function' ? (acc as (d: unknown, o: object) => unknown)(d, { index: i, data, target: [] }) : acc;
}

const hex = (c: ArrayLike<number>) => '#' + [0, 1, 2].map((k) => Math.round(c[k]).toString(16).padStart(2, '0')).join('');
const alpha = (c: ArrayLike<number>) => ((c.length > 3 ? c[3] : 255) / 255).toFixed(3).replace(/\.?0+$/, '') || '0';
const n1 = (x: number) => (Math.round(x * 10) / 10).toString();

interface Shapes {
  out: string[];
  count: number;
  raster: boolean;
}

/** One layer's shapes, or `raster` when it cannot be drawn as vectors. */
function layerShapes(layer: Layer, t: SaveTarget, pxPerUnit: number, w: number, h: number, s: Shapes): void {
  const p = layer.props as unknown as Record<string, unknown>;
  if (!p.visible && p.visible !== undefined) return;
  if ('iconAtlas' in p || !('data' in p)) {
    s.raster = true;
    return;
  }
  const data = p.data as { length: number; attributes?: Record<string, { value: ArrayLike<number>; size: number }> } | unknown[];
  const project = (pos: ArrayLike<number>) => t.renderer.screenOf(pos);
  const inside = (q: [number, number] | null) => !!q && q[0] >= -20 && q[1] >= -20 && q[0] <= w + 20 && q[1] <= h + 20;
  if ('getSourcePosition' in p) {
    (data as unknown[]).forEach((d, i) => {
      const a = project(value(p.getSourcePosition, d, i, data) as number[]), b = project(value(p.getTargetPosition, d, i, data) as number[]);
      if (!a || !b) return;
      const c = value(p.getColor, d, i, data) as Rgba, width = Number(value(p.getWidth, d, i, data) ?? 1);
      s.out.push(`<line x1="${n1(a[0])}" y1="${n1(a[1])}" x2="${n1(b[0])}" y2="${n1(b[1])}" stroke="${hex(c)}" stroke-opacity="${alpha(c)}" stroke-width="${n1(width)}" stroke-linecap="round"/>`);
      s.count++;
    });
    return;
  }
  const units = (p.radiusUnits as string) ?? 'common';
  const radiusPx = (r: number) => {
    const px = r * Number(p.radiusScale ?? 1) * (units === 'pixels' ? 1 : pxPerUnit);
    return Math.min(Number(p.radiusMaxPixels ?? 64), Math.max(Number(p.radiusMinPixels ?? 0), px));
  };
  const stroked = !!p.stroked;
  const strokeOf = (d: unknown, i: number) => {
    if (!stroked) return '';
    const c = (p.getLineColor !== undefined ? value(p.getLineColor, d, i, data) : p.lineColor) as Rgba | undefined;
    const lw = Number(p.lineWidthPixels ?? value(p.getLineWidth, d, i, data) ?? 1);
    return c ? ` stroke="${hex(c)}" stroke-opacity="${alpha(c)}" stroke-width="${n1(lw)}"` : '';
  };
  const attrs = !Array.isArray(data) ? (data as { attributes?: Record<string, { value: ArrayLike<number>; size: number }> }).attributes : undefined;
  if (attrs?.getPosition) {
    const pos = attrs.getPosition, col = attrs.getFillColor, rad = attrs.getRadius;
    const n = (data as { length: number }).length, fixed = Number(value(p.getRadius, null, 0, data) ?? 1);
    for (let i = 0; i < n; i++) {
      const q = project(Array.from({ length: pos.size }, (_, k) => pos.value[i * pos.size + k]));
      if (!inside(q)) continue;
      const c = col ? [col.value[i * 4], col.value[i * 4 + 1], col.value[i * 4 + 2], col.value[i * 4 + 3]] : [0, 0, 0, 255];
      if (c[3] === 0) continue;
      s.out.push(`<circle cx="${n1(q![0])}" cy="${n1(q![1])}" r="${n1(radiusPx(rad ? rad.value[i] : fixed))}" fill="${hex(c)}" fill-opacity="${alpha(c)}"/>`);
      if (++s.count > SVG_MAX_SHAPES) return;
    }
    return;
  }
  (data as unknown[]).forEach((d, i) => {
    const q = project(value(p.getPosition, d, i, data) as number[]);
    if (!inside(q)) return;
    const c = value(p.getFillColor, d, i, data) as Rgba;
    s.out.push(`<circle cx="${n1(q![0])}" cy="${n1(q![1])}" r="${n1(radiusPx(Number(value(p.getRadius, d, i, data) ?? 1)))}" fill="${hex(c)}" fill-opacity="${alpha(c)}"${strokeOf(d, i)}/>`);
    s.count++;
  });
}

function image(c: HTMLCanvasElement, w: number, h: number): string {
  return `<image x="0" y="0" width="${w}" height="${h}" href="${c.toDataURL('image/png')}"/>`;
}

/** The view as an SVG document (see the top of this file for what is vector). */
export function viewSvg(t: SaveTarget): string {
  const [w, h] = t.renderer.size();
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`;
  const bg = `<rect width="${w}" height="${h}" fill="${background(t)}"/>`;
  if (overlayCanvases(t)) return `${head}${bg}${image(viewCanvas(t), w, h)}</svg>`;
  const vp = t.renderer.deck.isInitialized ? t.renderer.deck.getViewports()[0] : null;
  const pxPerUnit = vp ? vp.scale : t.renderer.scale;
  const s: Shapes = { out: [], count: 0, raster: false };
  for (const layer of flat(t.renderer.deck.props.layers)) {
    layerShapes(layer, t, pxPerUnit, w, h, s);
    if (s.raster || s.count > SVG_MAX_SHAPES) break;
  }
  return atScale(t, SCALE, () => {
    const copy = (c: HTMLCanvasElement) => {
      const out = el('canvas', { width: c.width, height: c.height });
      out.getContext('2d')!.drawImage(c, 0, 0);
      return out;
    };
    const points = s.raster || s.count > SVG_MAX_SHAPES ? image(copy(t.renderer.canvas), w, h) : `<g>${s.out.join('')}</g>`;
    return `${head}${bg}${image(copy(t.under), w, h)}${points}${image(copy(t.over), w, h)}</svg>`;
  });
}

// ---- the buttons ----------------------------------------------------------------------------------
function fileName(t: SaveTarget, ext: string): string {
  const s = t.store.get();
  const where = s.view === 'matrix' ? 'matrix' : `${s.view}-L${s.layer}H${s.head}`;
  return `qkatlas-${s.atlas ?? 'atlas'}-${s.layout ?? ''}-${where}.${ext}`.replace(/[^A-Za-z0-9_.-]+/g, '-');
}

function download(blob: Blob, name: string): void {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** "save PNG" and "save SVG" buttons for the top bar. */
export function saveButtons(t: SaveTarget): HTMLElement {
  const png = el('button', { id: 'save-png', title: 'save the view as PNG (2x)' }, 'PNG');
  const svg = el('button', { id: 'save-svg', title: 'save the view as SVG (points and lines as vectors)' }, 'SVG');
  png.onclick = () => viewCanvas(t).toBlob((b) => b && download(b, fileName(t, 'png')), 'image/png');
  svg.onclick = () => download(new Blob([viewSvg(t)], { type: 'image/svg+xml' }), fileName(t, 'svg'));
  return el('span', { class: 'save', title: 'save the view' }, 'save ', png, ' ', svg);
}
