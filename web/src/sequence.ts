// Sequence view: bipartite attention lines of one sequence (queries left, keys right), the
// head's attention heatmap by position, and the corpus-average heatmap (qkatlas.analysis).
import type { App } from './app';
import { getMessage, qs } from './api';
import { RAMPS, rampColor, rgbToCss } from './colors';
import { renormalize } from './labels';
import { showToken } from './tokens';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, any> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'style') e.style.cssText = v;
    else if (k.startsWith('on')) (e as any)[k] = v;
    else e.setAttribute(k, String(v));
  }
  e.append(...kids);
  return e;
}

export class SequenceView {
  att: Float32Array | null = null;
  key = '';
  agg: { data: Float32Array; P: number } | null = null;
  aggKey = '';
  aggError = '';
  hover = -1;

  constructor(private app: App, private root: HTMLElement) {}

  async open(): Promise<void> {
    const app = this.app, info = app.info, sel = app.selection;
    if (!info || !sel) return;
    this.root.style.display = 'block';
    const index = app.focusIndex();
    const layer = Math.floor(index / info.n_heads), head = index % info.n_heads;
    const base = `/api/atlas/${encodeURIComponent(info.id)}`;
    const key = `${info.id}/${layer}/${head}/${sel.seq}`;
    if (this.key !== key) {
      this.root.replaceChildren(el('div', { class: 'muted' }, 'loading attention\u2026'));
      try {
        const msg = await getMessage(`${base}/attention${qs({ layer, head, seq: sel.seq })}`);
        this.att = msg.arrays.attention.data as Float32Array;
        this.key = key;
      } catch (e) {
        this.root.replaceChildren(el('div', { class: 'muted' }, `attention unavailable: ${(e as Error).message}`));
        return;
      }
    }
    const aggKey = `${info.id}/${layer}/${head}/${app.state.weighted}`;
    if (this.aggKey !== aggKey) {
      try {
        const msg = await getMessage(`${base}/aggregate${qs({ layer, head, weighted: app.state.weighted })}`);
        this.agg = { data: msg.arrays.attention.data as Float32Array, P: msg.arrays.attention.shape[0] };
        this.aggError = '';
      } catch (e) {
        this.agg = null;
        this.aggError = (e as Error).message;
      }
      this.aggKey = aggKey;
    }
    if (app.state.view !== 'sequence') return;
    this.draw();
  }

  hiddenMask(): boolean[] {
    const app = this.app, sel = app.selection!, tok = app.tokens!;
    return Array.from({ length: sel.n }, (_, j) => app.state.hide && (j === 0 || tok.isSpecial(sel.start + j)));
  }

  draw(): void {
    const app = this.app, info = app.info, sel = app.selection, tok = app.tokens;
    if (!info || !sel || !tok || !this.att || app.state.view !== 'sequence') return;
    const n = sel.n;
    const index = app.focusIndex();
    const layer = Math.floor(index / info.n_heads), head = index % info.n_heads;
    const hidden = this.hiddenMask();
    const att = app.state.hide ? renormalize(this.att, n, hidden) : this.att;
    const light = app.state.theme === 'light';
    const textColor = light ? '#1d2024' : '#e3e6ea', muted = light ? '#666d76' : '#8c96a3';
    const accent = light ? [10, 111, 194] : [79, 179, 255];
    const hideBox = el('input', { type: 'checkbox', id: 'hide-special' }) as HTMLInputElement;
    hideBox.checked = app.state.hide;
    hideBox.onchange = () => { app.state.hide = hideBox.checked; app.pushState(); this.draw(); };
    const wBox = el('input', { type: 'checkbox', id: 'weighted' }) as HTMLInputElement;
    wBox.checked = app.state.weighted;
    wBox.onchange = () => { app.state.weighted = wBox.checked; app.pushState(); this.open(); };
    const nb = (t: string, title: string, fn: () => void) => el('button', { title, onclick: fn }, t);
    const header = el('div', { class: 'head' },
      el('button', { id: 'close-overlay', onclick: () => app.closeOverlay(true), title: 'back (Esc)' }, '\u2190 back'),
      el('span', { class: 'title' }, `Sequence ${sel.seq} \u00b7 layer ${layer} head ${head}`),
      nb('\u25c0', 'previous head', () => app.step(0, -1)), nb('\u25b6', 'next head', () => app.step(0, 1)),
      nb('\u25b2', 'previous layer', () => app.step(-1, 0)), nb('\u25bc', 'next layer', () => app.step(1, 0)),
      el('label', { class: 'muted', title: 'drop attention to [CLS]/[SEP]/BOS and the first token, renormalise the rest' }, hideBox, ' hide [CLS]/[SEP]/first token (renormalise)'),
    );
    const text = el('div', { class: 'text' }, app.seqs!.text[sel.seq] ?? '');
    // bipartite
    const rowH = 17, W = 430, top = 24;
    const H = top + n * rowH + 8;
    const bip = el('canvas', { width: W, height: H, id: 'bipartite' }) as HTMLCanvasElement;
    const g = bip.getContext('2d')!;
    g.font = '12px system-ui, Helvetica, Arial, sans-serif';
    const xl = 150, xr = W - 150;
    const focusRow = this.hover >= 0 ? this.hover : sel.role === 'query' ? sel.row - sel.start : -1;
    const focusKey = this.hover < 0 && sel.role === 'key' ? sel.row - sel.start : -1;
    let drawn = 0;
    g.lineCap = 'round';
    for (let i = 0; i < n; i++) {
      if (hidden[i]) continue;
      for (let j = 0; j < n; j++) {
        if (hidden[j]) continue;
        const w = att[i * n + j];
        if (!(w > 0.01)) continue;
        const emph = focusRow < 0 && focusKey < 0 ? 1 : i === focusRow || j === focusKey ? 1 : 0.12;
        g.strokeStyle = `rgba(${accent[0]},${accent[1]},${accent[2]},${Math.min(1, w * emph)})`;
        g.lineWidth = emph === 1 && (focusRow >= 0 || focusKey >= 0) ? 1 + 3 * w : 1 + 1.5 * w;
        g.beginPath();
        g.moveTo(xl + 6, top + i * rowH + rowH / 2);
        g.lineTo(xr - 6, top + j * rowH + rowH / 2);
        g.stroke();
        drawn++;
      }
    }
    g.fillStyle = muted;
    g.textAlign = 'right';
    g.fillText('queries', xl, 12);
    g.textAlign = 'left';
    g.fillText('keys', xr, 12);
    for (let i = 0; i < n; i++) {
      const y = top + i * rowH + rowH / 2 + 4;
      const t = showToken(tok.token(sel.start + i), 18);
      g.fillStyle = hidden[i] ? muted : i === focusRow ? rgbToCss([44, 170, 90]) : textColor;
      g.font = i === focusRow ? 'bold 12px system-ui, sans-serif' : '12px system-ui, sans-serif';
      g.textAlign = 'right';
      g.fillText(t, xl, y);
      g.fillStyle = hidden[i] ? muted : i === focusKey ? rgbToCss([230, 60, 150]) : textColor;
      g.font = i === focusKey ? 'bold 12px system-ui, sans-serif' : '12px system-ui, sans-serif';
      g.textAlign = 'left';
      g.fillText(t, xr, y);
    }
    bip.onmousemove = (e) => {
      const r = bip.getBoundingClientRect();
      const x = e.clientX - r.left, i = Math.floor((e.clientY - r.top - top) / rowH);
      const h = x < W / 2 && i >= 0 && i < n ? i : -1;
      if (h !== this.hover) { this.hover = h; this.draw(); }
    };
    bip.onmouseleave = () => { if (this.hover !== -1) { this.hover = -1; this.draw(); } };
    bip.onclick = (e) => {
      const r = bip.getBoundingClientRect();
      const x = e.clientX - r.left, i = Math.floor((e.clientY - r.top - top) / rowH);
      if (i >= 0 && i < n) app.selectToken(sel.start + i, x < W / 2 ? 'query' : 'key');
    };
    // heatmap of this head
    const heat = this.heatmap(att, n, n, hidden, sel.role === 'query' ? sel.row - sel.start : -1, (i) => showToken(tok.token(sel.start + i), 10), 'heatmap');
    // aggregate
    const aggPane = el('div', { class: 'pane', id: 'aggregate-pane' }, el('h4', {}, `corpus average by position${app.state.weighted ? ' (value-weighted)' : ''}`));
    aggPane.append(el('label', { class: 'muted', style: 'display:block;margin-bottom:4px' }, wBox, ' value-weighted'));
    if (this.agg) {
      aggPane.append(this.heatmap(this.agg.data, this.agg.P, this.agg.P, null, -1, (i) => String(i), 'aggregate'));
      aggPane.append(el('div', { class: 'muted' }, `first ${this.agg.P} positions, mean over the corpus`));
    } else {
      aggPane.append(el('div', { class: 'muted', id: 'aggregate-missing' }, `unavailable: ${this.aggError}`));
    }
    const panes = el('div', { class: 'panes' },
      el('div', { class: 'pane' }, el('h4', {}, 'attention (hover a query to isolate its lines; click to select)'), bip),
      el('div', { class: 'pane' },
        el('div', { class: 'pane' }, el('h4', {}, `this head: query position \u2193, key position \u2192`), heat),
        el('div', { style: 'height:12px' }),
        aggPane),
    );
    this.root.replaceChildren(header, text, panes);
    this.root.style.display = 'block';
    app.dbg.sequence = { seq: sel.seq, n, layer, head, lines: drawn, hidden: hidden.filter(Boolean).length, aggregate: this.agg ? 'ok' : `unavailable: ${this.aggError}`, heatmap: n };
  }

  heatmap(a: Float32Array, rows: number, cols: number, hidden: boolean[] | null, mark: number, label: (i: number) => string, id: string): HTMLCanvasElement {
    const light = this.app.state.theme === 'light';
    const cell = Math.max(2, Math.min(14, Math.floor(300 / Math.max(rows, cols))));
    const showLabels = rows <= 48 && cell >= 7;
    const lw = showLabels ? 64 : 4;
    const c = el('canvas', { width: lw + cols * cell + 4, height: lw + rows * cell + 4, id }) as HTMLCanvasElement;
    const g = c.getContext('2d')!;
    let max = 0;
    for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]) && a[i] > max) max = a[i];
    max = max || 1;
    g.fillStyle = light ? '#e4e4e0' : '#22272e';
    g.fillRect(lw, lw, cols * cell, rows * cell);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = a[i * cols + j];
        if (!Number.isFinite(v) || (hidden && (hidden[i] || hidden[j]))) continue;
        g.fillStyle = rgbToCss(rampColor(RAMPS.heat, Math.sqrt(v / max)));
        g.fillRect(lw + j * cell, lw + i * cell, cell, cell);
      }
    }
    if (mark >= 0) {
      g.strokeStyle = light ? '#000' : '#fff';
      g.lineWidth = 1.5;
      g.strokeRect(lw - 1, lw + mark * cell - 0.5, cols * cell + 2, cell + 1);
    }
    if (showLabels) {
      g.font = `${Math.min(11, cell)}px system-ui, sans-serif`;
      g.fillStyle = light ? '#444' : '#aab';
      g.textAlign = 'right';
      for (let i = 0; i < rows; i++) g.fillText(label(i), lw - 3, lw + i * cell + cell - 2);
      for (let j = 0; j < cols; j++) {
        g.save();
        g.translate(lw + j * cell + cell - 2, lw - 3);
        g.rotate(-Math.PI / 2);
        g.textAlign = 'left';
        g.fillText(label(j), 0, 0);
        g.restore();
      }
    }
    return c;
  }
}
