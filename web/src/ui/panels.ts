// Side-panel sections that are not a view's own: the atlas, the colour legend, the selected
// token, the head map. Each builds its DOM from the data it is given.
import type { AtlasInfo } from '../api/types';
import type { Heads } from '../data/heads';
import { showToken, type TokenTable } from '../data/tokens';
import { legendFor } from '../render/coloring';
import { RAMPS, ROLE_COLORS, extent, rgbToCss, scale01 } from '../render/colors';
import { MEASURE_HELP, measureOf } from '../render/measure-tint';
import { themeColors } from '../render/theme';
import type { Actions } from '../state/actions';
import type { Selection } from '../state/store';
import type { Theme } from '../state/urlstate';
import type { BytesDebug } from '../debug';
import { el, kv } from './dom';

export function atlasSection(info: AtlasInfo, layout: string, sample: { m: number } | null, bytes: BytesDebug | null): HTMLElement {
  return el('section', { id: 'atlas-info' },
    el('h3', {}, 'atlas'),
    kv([
      ['model', `${info.name} (${info.kind}${info.causal ? ', causal' : ''})`],
      ['heads', `${info.n_layers} layers \u00d7 ${info.n_heads} heads${info.n_kv_heads !== info.n_heads ? ` (${info.n_kv_heads} key heads, grouped-query)` : ''}`],
      ['corpus', `${info.corpus?.name ?? ''}: ${info.n_sequences} ${info.image ? 'images' : 'sequences'}, ${info.n_tokens.toLocaleString()} tokens`],
      ['layout', layout + (sample ? ` (matrix shows ${sample.m.toLocaleString()} of ${info.n_tokens.toLocaleString()} tokens per head)` : '')],
      ...(bytes ? [['on the wire', `${(bytes.layout / 1e6).toFixed(2)} MB, ${bytes.perPoint.toFixed(2)} B/point`] as [string, string]] : []),
    ]),
  );
}

function swatch(color: string): HTMLElement {
  return el('span', { class: 'swatch', style: `background:${color}` });
}

/** Legend of the point colours (and of the cell tint). */
export function legendSection(color: string, colorLabel: string, tokens: TokenTable, tint: string, heads: Heads | null, layout = ''): HTMLElement {
  const lg = legendFor(color, tokens);
  const box = el('section', { id: 'legend' }, el('h3', {}, `colour: ${colorLabel}`));
  for (const it of lg.items ?? []) box.append(el('span', { class: 'legend-item' }, swatch(rgbToCss(it.color)), it.label));
  for (const r of lg.ramps ?? []) {
    const stops = r.ramp === 'hue' ? [0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1].map((h) => `hsl(${h * 360},85%,55%)`) : RAMPS[r.ramp].map((c) => rgbToCss(c));
    box.append(el('div', { class: 'legend-item' }, `${r.label}: ${r.lo}`, el('span', { class: 'ramp', style: `background:linear-gradient(90deg,${stops.join(',')})` }), r.hi));
  }
  if (tint !== 'none' && heads) {
    if (tint === 'label') {
      const items = heads.labels.map((l) => el('span', { class: 'legend-item', title: heads.description(l) }, swatch(rgbToCss(heads.labelColor(l))), l));
      box.append(el('div', {}, el('span', { class: 'muted' }, 'cells: '), ...items));
    } else if (measureOf(tint)) {
      const m = measureOf(tint)!;
      box.append(el('div', { class: 'legend-item', id: 'tint-legend', title: MEASURE_HELP[m] }, `cells: ${m} of ${layout} 0`,
        el('span', { class: 'ramp', style: `background:linear-gradient(90deg,${RAMPS.viridis.map((c) => rgbToCss(c)).join(',')})` }), '1'));
    } else {
      const name = tint.slice(7);
      const [lo, hi] = heads.metricExtent(name);
      box.append(el('div', { class: 'legend-item' }, `cells: ${name} ${lo.toPrecision(2)}`,
        el('span', { class: 'ramp', style: `background:linear-gradient(90deg,${RAMPS.viridis.map((c) => rgbToCss(c)).join(',')})` }), hi.toPrecision(2)));
    }
  }
  return box;
}

/** The selected token's attention in the head on show. */
export interface SelectionAttention {
  weights: Float32Array | null;
  /** first row of the sequence (weights[j] is row start + j) */
  start: number;
  /** the lines drawn: token rows and weights relative to the strongest */
  targets: { row: number; weight: number }[];
  error: string;
}

/** The selected token, its sequence (click a token to select it) and what it attends to most. */
export function selectionSection(sel: Selection, tok: TokenTable, info: AtlasInfo, att: SelectionAttention | null, actions: Actions): HTMLElement {
  const sec = el('section', { id: 'selection' }, el('h3', {}, 'selected token'));
  sec.append(el('div', {},
    el('b', {}, showToken(tok.token(sel.row), 40)), ' ',
    el('span', { class: 'chip', style: `background:${rgbToCss(sel.role === 'query' ? ROLE_COLORS.query : ROLE_COLORS.key)}` }, sel.role), ' ',
    el('span', { class: 'muted' }, `position ${tok.pos(sel.row)} of ${sel.n}, ${info.image ? 'image' : 'sequence'} ${sel.seq}`)));
  if (!info.image) {
    const text = el('div', { class: 'seqtext' });
    for (let j = 0; j < sel.n; j++) {
      const r = sel.start + j;
      const span = el('span', { class: r === sel.row ? 'sel' : '', style: 'cursor:pointer', title: `position ${j}` }, showToken(tok.token(r), 30));
      span.onclick = () => void actions.selectToken(r, sel.role);
      text.append(span, ' ');
    }
    sec.append(text);
  }
  if (att?.error) sec.append(el('div', { class: 'muted' }, att.error));
  if (att && att.weights && att.targets.length) {
    const w = att.weights;
    sec.append(el('div', { class: 'muted', style: 'margin-top:4px' }, sel.role === 'query' ? 'attends most to:' : 'attended most by:'));
    sec.append(kv(att.targets.map((t) => [showToken(tok.token(t.row), 20), `${(w[t.row - att.start] * 100).toFixed(1)}%`])));
  }
  const buttons = el('div', { style: 'margin-top:6px; display:flex; gap:4px' },
    el('button', { onclick: () => actions.openSequence(), id: 'open-sequence-2' }, 'sequence view'),
    el('button', { onclick: () => actions.clearSelection() }, 'clear'));
  if (info.images) buttons.append(el('button', { onclick: () => actions.openImage(), id: 'open-image-2' }, 'image view'));
  sec.append(buttons);
  return sec;
}

export interface HeadMapDebug {
  points: { x: number; y: number; layer: number; head: number }[];
}

/**
 * The head map: one dot per head placed by its metrics, coloured by label; click a dot to go to
 * that head. `focus`: the head on show (ringed), or -1. Returns the section and what it drew.
 */
export function headMapSection(heads: Heads | null, headsError: string, info: AtlasInfo, theme: Theme, focus: number, actions: Actions): [HTMLElement, HeadMapDebug | null] {
  const sec = el('section', { id: 'head-map' }, el('h3', {}, 'head map'));
  if (!heads || !heads.hasMap) {
    sec.append(el('div', { class: 'muted' }, heads ? 'this atlas has no head map' : headsError ? `unavailable: ${headsError}` : 'loading\u2026'));
    return [sec, null];
  }
  const W = 296, H = 210;
  const c = el('canvas', { width: W, height: H, class: 'click', id: 'head-map-canvas' });
  const g = c.getContext('2d')!;
  const raw = heads.mapPoints();
  const [x0, x1] = extent(raw.map((p) => p.x)), [y0, y1] = extent(raw.map((p) => p.y));
  const sx = (v: number) => 10 + scale01(v, x0, x1) * (W - 20), sy = (v: number) => H - 10 - scale01(v, y0, y1) * (H - 20);
  g.fillStyle = themeColors(theme).panelCss;
  g.fillRect(0, 0, W, H);
  const pts = raw.map((p) => ({ x: sx(p.x), y: sy(p.y), index: p.index, label: p.label }));
  for (const p of pts) {
    g.fillStyle = rgbToCss(heads.labelColor(p.label), 0.9);
    g.beginPath();
    g.arc(p.x, p.y, 3.2, 0, Math.PI * 2);
    g.fill();
  }
  const cur = pts.find((p) => p.index === focus);
  if (cur) {
    g.strokeStyle = themeColors(theme).strokeCss;
    g.lineWidth = 2;
    g.beginPath();
    g.arc(cur.x, cur.y, 6.5, 0, Math.PI * 2);
    g.stroke();
  }
  const nearest = (e: MouseEvent) => {
    const r = c.getBoundingClientRect();
    const x = e.clientX - r.left, y = e.clientY - r.top;
    let best: (typeof pts)[number] | null = null, bd = 100;
    for (const p of pts) {
      const d = (p.x - x) ** 2 + (p.y - y) ** 2;
      if (d < bd) {
        bd = d;
        best = p;
      }
    }
    return best;
  };
  c.onclick = (e) => {
    const p = nearest(e);
    if (p) void actions.focusHead(p.index);
  };
  c.onmousemove = (e) => {
    const p = nearest(e);
    c.title = p ? `L${Math.floor(p.index / info.n_heads)} H${p.index % info.n_heads}: ${p.label}` : '';
  };
  sec.append(c);
  const legend = el('div', {});
  for (const l of heads.labels) legend.append(el('span', { class: 'legend-item', title: heads.description(l) }, swatch(rgbToCss(heads.labelColor(l))), l));
  sec.append(legend);
  return [sec, { points: pts.map((p) => ({ x: p.x, y: p.y, layer: Math.floor(p.index / info.n_heads), head: p.index % info.n_heads })) }];
}

export function matrixHint(): HTMLElement {
  return el('section', {}, el('p', { class: 'muted' }, 'Click a head (or a point) to zoom in; arrows step between heads, Esc goes back. Drag to pan, scroll to zoom.'));
}
