// Sequence view: bipartite attention lines of one sequence (queries left, keys right), the
// head's attention heatmap by position, and the corpus-average heatmap (qkatlas.analysis).
// Drawn as DOM over the stage; the head view stays mounted underneath.
import { renormalize } from '../data/attention';
import { showToken } from '../data/tokens';
import { RAMPS, rampColor, rgbToCss } from '../render/colors';
import { themeColors } from '../render/theme';
import { focusIndex, headOf, selectionOf, type AppModel, type Changed, type Selection } from '../state/store';
import { button, el } from '../ui/dom';
import { anyChanged, type OverlayContext, type View } from './view';

export class SequenceView implements View {
  private att: Float32Array | null = null;
  private key = '';
  private agg: { data: Float32Array; P: number } | null = null;
  private aggKey = '';
  private aggError = '';
  private hover = -1;
  private mounted = false;
  private openId = 0;

  constructor(private ctx: OverlayContext) {}

  mount(): void {
    this.mounted = true;
    void this.open();
  }

  unmount(): void {
    this.mounted = false;
    this.ctx.root.style.display = 'none';
    this.ctx.root.replaceChildren();
    this.ctx.debug.sequence = null;
  }

  update(changed: Changed<AppModel>): void {
    if (anyChanged(changed, 'layer', 'head', 'token', 'role', 'weighted', 'info')) void this.open();
    else if (anyChanged(changed, 'theme', 'hide')) this.draw();
  }

  /** Load the sequence's attention in the head on show and the corpus average, then draw. */
  async open(): Promise<void> {
    const s = this.ctx.store.get(), info = s.info, sel = selectionOf(s);
    if (!info || !sel || !this.mounted) return;
    const root = this.ctx.root, source = this.ctx.source;
    const id = ++this.openId;
    root.style.display = 'block';
    const [layer, head] = headOf(focusIndex(s), info.n_heads);
    const vw = this.valueWeighted();
    const key = `${info.id}/${layer}/${head}/${sel.seq}/${vw}`;
    if (this.key !== key) {
      root.replaceChildren(el('div', { class: 'muted' }, 'loading attention\u2026'));
      try {
        const a = await (vw ? source.valueWeightedAttention!(layer, head, sel.seq) : source.sequenceAttention(layer, head, sel.seq));
        if (id !== this.openId) return;
        this.att = a.weights;
        this.key = key;
      } catch (e) {
        if (id !== this.openId) return;
        root.replaceChildren(el('div', { class: 'muted' }, `attention unavailable: ${(e as Error).message}`));
        return;
      }
    }
    const weighted = s.weighted;
    const aggKey = `${info.id}/${layer}/${head}/${weighted}`;
    if (this.aggKey !== aggKey) {
      try {
        const a = await source.aggregate(layer, head, weighted);
        if (id !== this.openId) return;
        this.agg = { data: a.weights, P: a.positions };
        this.aggError = '';
      } catch (e) {
        if (id !== this.openId) return;
        this.agg = null;
        this.aggError = (e as Error).message;
      }
      this.aggKey = aggKey;
    }
    if (id === this.openId) this.draw();
  }

  /** The lines and heatmap show value-weighted attention (the toggle is on and the source has it). */
  private valueWeighted(): boolean {
    return this.ctx.store.get().weighted && !!this.ctx.source.valueWeightedAttention;
  }

  private hiddenMask(sel: Selection): boolean[] {
    const s = this.ctx.store.get(), tok = s.tokens!;
    return Array.from({ length: sel.n }, (_, j) => s.hide && (j === 0 || tok.isSpecial(sel.start + j)));
  }

  draw(): void {
    const s = this.ctx.store.get(), info = s.info, sel = selectionOf(s), tok = s.tokens;
    const { actions, store } = this.ctx;
    if (!info || !sel || !tok || !this.att || !this.mounted) return;
    const vw = this.valueWeighted();
    if (this.key !== `${info.id}/${headOf(focusIndex(s), info.n_heads).join('/')}/${sel.seq}/${vw}`) return; // stale: open() is loading
    const n = sel.n;
    const [layer, head] = headOf(focusIndex(s), info.n_heads);
    const hidden = this.hiddenMask(sel);
    const att = s.hide ? renormalize(this.att, n, hidden) : this.att;
    const th = themeColors(s.theme);
    const textColor = th.textCss, muted = th.mutedCss;
    const accent = th.accent;
    const hideBox = el('input', { type: 'checkbox', id: 'hide-special' });
    hideBox.checked = s.hide;
    hideBox.onchange = () => store.set({ hide: hideBox.checked });
    const wBox = el('input', { type: 'checkbox', id: 'weighted' });
    wBox.checked = s.weighted;
    wBox.onchange = () => store.set({ weighted: wBox.checked });
    const nb = (t: string, title: string, fn: () => void) => button(t, title, fn);
    const header = el('div', { class: 'head' },
      el('button', { id: 'close-overlay', onclick: () => actions.closeOverlay(), title: 'back (Esc)' }, '\u2190 back'),
      el('span', { class: 'title' }, `Sequence ${sel.seq} \u00b7 layer ${layer} head ${head}`),
      nb('\u25c0', 'previous head', () => actions.step(0, -1)), nb('\u25b6', 'next head', () => actions.step(0, 1)),
      nb('\u25b2', 'previous layer', () => actions.step(-1, 0)), nb('\u25bc', 'next layer', () => actions.step(1, 0)),
      el('label', { class: 'muted', title: 'drop attention to [CLS]/[SEP]/BOS and the first token, renormalise the rest' }, hideBox, ' hide [CLS]/[SEP]/first token (renormalise)'),
    );
    if (this.ctx.source.valueWeightedAttention) {
      const vBox = el('input', { type: 'checkbox', id: 'value-weighted' });
      vBox.checked = s.weighted;
      vBox.onchange = () => store.set({ weighted: vBox.checked });
      header.append(el('label', { class: 'muted', title: 'p_ij ||v_j|| / sum_k p_ik ||v_k||: what each key adds to the output (also the corpus average)' }, vBox, ' value-weighted'));
    }
    const text = el('div', { class: 'text' }, s.seqs!.text[sel.seq] ?? '');
    // bipartite
    const rowH = 17, W = 430, top = 24;
    const H = top + n * rowH + 8;
    const bip = el('canvas', { width: W, height: H, id: 'bipartite' });
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
      if (i >= 0 && i < n) void actions.selectToken(sel.start + i, x < W / 2 ? 'query' : 'key');
    };
    // heatmap of this head
    const heat = this.heatmap(att, n, n, hidden, sel.role === 'query' ? sel.row - sel.start : -1, (i) => showToken(tok.token(sel.start + i), 10), 'heatmap');
    // aggregate
    const aggPane = el('div', { class: 'pane', id: 'aggregate-pane' }, el('h4', {}, `corpus average by position${s.weighted ? ' (value-weighted)' : ''}`));
    aggPane.append(el('label', { class: 'muted', style: 'display:block;margin-bottom:4px' }, wBox, ' value-weighted'));
    if (this.agg) {
      aggPane.append(this.heatmap(this.agg.data, this.agg.P, this.agg.P, null, -1, (i) => String(i), 'aggregate'));
      aggPane.append(el('div', { class: 'muted' }, `first ${this.agg.P} positions, mean over the corpus`));
    } else {
      aggPane.append(el('div', { class: 'muted', id: 'aggregate-missing' }, `unavailable: ${this.aggError}`));
    }
    const panes = el('div', { class: 'panes' },
      el('div', { class: 'pane' }, el('h4', {}, `${vw ? 'value-weighted ' : ''}attention (hover a query to isolate its lines; click to select)`), bip),
      el('div', { class: 'pane' },
        el('div', { class: 'pane' }, el('h4', {}, `this head: query position \u2193, key position \u2192`), heat),
        el('div', { style: 'height:12px' }),
        aggPane),
    );
    this.ctx.root.replaceChildren(header, text, panes);
    this.ctx.root.style.display = 'block';
    this.ctx.debug.sequence = { seq: sel.seq, n, layer, head, lines: drawn, hidden: hidden.filter(Boolean).length, aggregate: this.agg ? 'ok' : `unavailable: ${this.aggError}`, heatmap: n };
  }

  private heatmap(a: Float32Array, rows: number, cols: number, hidden: boolean[] | null, mark: number, label: (i: number) => string, id: string): HTMLCanvasElement {
    const light = this.ctx.store.get().theme === 'light';
    const cell = Math.max(2, Math.min(14, Math.floor(300 / Math.max(rows, cols))));
    const showLabels = rows <= 48 && cell >= 7;
    const lw = showLabels ? 64 : 4;
    const c = el('canvas', { width: lw + cols * cell + 4, height: lw + rows * cell + 4, id });
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
