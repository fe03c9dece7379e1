// Image view: the image as the model saw it, with the attention of one chosen patch over every
// patch as an overlay, and an arrow to the most attended patch. Click a patch to choose it.
// Drawn as DOM over the stage; the head view stays mounted underneath.
import { RAMPS, rampColor, rgbToCss } from '../render/colors';
import { focusIndex, headOf, selectionOf, type AppModel, type Changed } from '../state/store';
import { button, el } from '../ui/dom';
import { anyChanged, type OverlayContext, type View } from './view';

export class ImageView implements View {
  private images = new Map<number, HTMLImageElement | ImageBitmap>();
  private weights: Float32Array | null = null;
  private key = '';
  private seq = 0;
  private query = -1; // row of the query token
  private error = '';
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
    this.ctx.debug.image = null;
  }

  update(changed: Changed<AppModel>): void {
    if (anyChanged(changed, 'layer', 'head', 'token', 'role', 'info')) void this.open();
    else if (changed.has('theme')) this.draw();
  }

  /** Patch grid (rows, cols) of sequence `seq` from the token table. */
  private grid(seq: number): [number, number] {
    const s = this.ctx.store.get(), tok = s.tokens!, start = s.seqs!.start[seq], n = s.seqs!.n_tokens[seq];
    let r = 0, c = 0;
    for (let j = 0; j < n; j++) {
      r = Math.max(r, tok.num('patch_row', start + j));
      c = Math.max(c, tok.num('patch_col', start + j));
    }
    return [r + 1, c + 1];
  }

  private rowOfPatch(seq: number, pr: number, pc: number): number {
    const s = this.ctx.store.get(), tok = s.tokens!, start = s.seqs!.start[seq], n = s.seqs!.n_tokens[seq];
    for (let j = 0; j < n; j++) if (tok.num('patch_row', start + j) === pr && tok.num('patch_col', start + j) === pc) return start + j;
    return -1;
  }

  private async image(seq: number): Promise<HTMLImageElement | ImageBitmap> {
    let img = this.images.get(seq);
    if (!img) {
      img = await this.ctx.source.image(seq);
      this.images.set(seq, img);
    }
    return img;
  }

  /** Load the chosen patch's attention in the head on show and the image, then draw. */
  async open(): Promise<void> {
    const s = this.ctx.store.get(), info = s.info;
    if (!info || !info.images || !s.tokens || !this.mounted) return;
    const sel = selectionOf(s);
    const id = ++this.openId;
    this.ctx.root.style.display = 'block';
    this.seq = sel ? sel.seq : Math.min(this.seq, info.n_sequences - 1);
    const [gr, gc] = this.grid(this.seq);
    if (sel && sel.seq === this.seq) this.query = sel.row;
    else this.query = this.rowOfPatch(this.seq, Math.floor(gr / 2), Math.floor(gc / 2));
    const [layer, head] = headOf(focusIndex(s), info.n_heads);
    const key = `${info.id}/${layer}/${head}/${this.query}`;
    if (key !== this.key) {
      try {
        const a = await this.ctx.source.tokenAttention(layer, head, this.query, 'query');
        if (id !== this.openId) return;
        this.weights = a.weights;
        this.key = key;
        this.error = '';
      } catch (e) {
        if (id !== this.openId) return;
        this.weights = null;
        this.error = (e as Error).message;
      }
    }
    try {
      await this.image(this.seq);
    } catch {
      this.error = `could not load image ${this.seq}`;
    }
    if (id === this.openId) this.draw();
  }

  draw(): void {
    const s = this.ctx.store.get(), info = s.info, tok = s.tokens;
    const { actions } = this.ctx;
    if (!info || !tok || !this.mounted) return;
    const seq = this.seq, start = s.seqs!.start[seq], n = s.seqs!.n_tokens[seq];
    const img = this.images.get(seq);
    const [layer, head] = headOf(focusIndex(s), info.n_heads);
    const [gr, gc] = this.grid(seq);
    const S = 448;
    const canvas = el('canvas', { width: S, height: S, id: 'image-canvas', class: 'click' });
    const g = canvas.getContext('2d')!;
    if (img) g.drawImage(img, 0, 0, S, S);
    const pw = S / gc, ph = S / gr;
    const w = this.weights;
    let best = -1, bestW = -1, cls = 0, max = 0;
    if (w) {
      for (let j = 0; j < n; j++) {
        const r = tok.num('patch_row', start + j);
        if (r < 0) { cls += w[j]; continue; }
        if (w[j] > max) max = w[j];
        if (w[j] > bestW) { bestW = w[j]; best = j; }
      }
      g.fillStyle = 'rgba(0,0,0,0.45)';
      g.fillRect(0, 0, S, S);
      for (let j = 0; j < n; j++) {
        const r = tok.num('patch_row', start + j), c = tok.num('patch_col', start + j);
        if (r < 0) continue;
        const t = max > 0 ? w[j] / max : 0;
        if (t < 0.02) continue;
        const col = rampColor(RAMPS.heat, Math.sqrt(t));
        g.fillStyle = rgbToCss(col, 0.15 + 0.6 * t);
        g.fillRect(c * pw, r * ph, pw, ph);
      }
    }
    const qr = tok.num('patch_row', this.query), qc = tok.num('patch_col', this.query);
    const qIsPatch = this.query >= 0 && qr >= 0;
    const center = (r: number, c: number): [number, number] => [(c + 0.5) * pw, (r + 0.5) * ph];
    if (qIsPatch) {
      g.strokeStyle = '#4fb3ff';
      g.lineWidth = 2.5;
      g.strokeRect(qc * pw + 1, qr * ph + 1, pw - 2, ph - 2);
    }
    let target: [number, number] | null = null;
    if (best >= 0) {
      const br = tok.num('patch_row', start + best), bc = tok.num('patch_col', start + best);
      target = [br, bc];
      const [x1, y1] = center(br, bc);
      if (qIsPatch && (br !== qr || bc !== qc)) {
        const [x0, y0] = center(qr, qc);
        arrow(g, x0, y0, x1, y1);
      } else if (!qIsPatch) {
        arrow(g, S / 2, -4, x1, y1);
      } else {
        g.strokeStyle = '#fff';
        g.lineWidth = 2.5;
        g.beginPath();
        g.arc(x1, y1, Math.max(pw, ph) * 0.7, 0, Math.PI * 2);
        g.stroke();
      }
    }
    canvas.onclick = (e) => {
      const r = canvas.getBoundingClientRect();
      const c = Math.floor(((e.clientX - r.left) / r.width) * gc), rr = Math.floor(((e.clientY - r.top) / r.height) * gr);
      const row = this.rowOfPatch(seq, rr, c);
      if (row >= 0) void actions.selectToken(row, 'query');
    };
    const nb = button;
    const changeImage = (d: number) => {
      const next = (seq + d + info.n_sequences) % info.n_sequences;
      this.seq = next;
      const [r2, c2] = this.grid(next);
      const row = this.rowOfPatch(next, Math.floor(r2 / 2), Math.floor(c2 / 2));
      if (row >= 0) void actions.selectToken(row, 'query');
    };
    const header = el('div', { class: 'head' },
      el('button', { id: 'close-overlay', onclick: () => actions.closeOverlay(), title: 'back (Esc)' }, '\u2190 back'),
      el('span', { class: 'title' }, `Image ${seq} \u00b7 layer ${layer} head ${head}`),
      nb('\u25c0', 'previous head', () => actions.step(0, -1)), nb('\u25b6', 'next head', () => actions.step(0, 1)),
      nb('\u25b2', 'previous layer', () => actions.step(-1, 0)), nb('\u25bc', 'next layer', () => actions.step(1, 0)),
      el('span', { class: 'muted' }, '| image'), nb('\u25c0', 'previous image', () => changeImage(-1), 'prev-image'), nb('\u25b6', 'next image', () => changeImage(1), 'next-image'),
      nb('[CLS] as query', 'show the attention of the [CLS] token', () => void actions.selectToken(start, 'query'), 'cls-query'),
    );
    const name = s.seqs!.text[seq] ?? '';
    const desc = el('div', { class: 'text' });
    if (this.error) desc.append(this.error);
    else if (w && target) {
      const qName = qIsPatch ? `patch r${qr}c${qc}` : '[CLS]';
      desc.append(`${name}: query ${qName} \u2192 most attended patch r${target[0]}c${target[1]} (${(bestW * 100).toFixed(1)}%); [CLS] receives ${(cls * 100).toFixed(1)}%. Click a patch to choose it.`);
    }
    this.ctx.root.replaceChildren(header, desc, el('div', { class: 'panes' }, el('div', { class: 'pane' }, canvas)));
    this.ctx.root.style.display = 'block';
    this.ctx.debug.image = {
      seq, query: qIsPatch ? [qr, qc] : 'CLS', target, weight: bestW, cls, grid: [gr, gc], drawn: !!img && !!w,
    };
  }
}

function arrow(g: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  const a = Math.atan2(y1 - y0, x1 - x0), L = 12;
  for (const [color, width] of [['rgba(0,0,0,0.8)', 5], ['#ffffff', 2.5]] as [string, number][]) {
    g.strokeStyle = color;
    g.fillStyle = color;
    g.lineWidth = width;
    g.beginPath();
    g.moveTo(x0, y0);
    g.lineTo(x1 - Math.cos(a) * L * 0.8, y1 - Math.sin(a) * L * 0.8);
    g.stroke();
    g.beginPath();
    g.moveTo(x1, y1);
    g.lineTo(x1 - L * Math.cos(a - 0.45), y1 - L * Math.sin(a - 0.45));
    g.lineTo(x1 - L * Math.cos(a + 0.45), y1 - L * Math.sin(a + 0.45));
    g.closePath();
    g.fill();
  }
}
