// The compare view: two atlases of the same corpus side by side (`GET /api/compare`, the matching
// of `qkatlas compare A B`). A list of matched head pairs, best first; the head of A and its match
// in B drawn next to each other in one layout; and one selection for both: clicking a token on
// either side selects the token at the same (sequence, position) on the other (the same corpus
// numbers its sequences alike), draws each side's attention of that token as lines to the tokens
// it attends to (or is attended by) and shades the sequence's tokens by it, so the two heads'
// behaviour on the same words can be read against each other.
//
// Why its own overlay on 2-D canvases rather than the matrix's deck.gl scene: it shows two heads
// of two atlases at once, at most a few tens of thousands of points each, and has to stay out of
// the single-atlas app state (store, URL hash). It is entered from the top bar's "compare" button
// (shown only when the source can compare and serves at least two atlases) or from the page URL
// (`?compare=A,B` opens it; the pair on show is kept there as `&pair=LAYER.HEAD`).
import type { AtlasSummary, DataSource, LayoutBlock, Role, TokenAttention, TokenData } from '../api/source';
import type { CompareResponse } from '../api/types';
import { ROLE_COLORS, rgbToCss } from '../render/colors';
import { el, option } from '../ui/dom';

export interface Pair {
  layerA: number;
  headA: number;
  layerB: number;
  headB: number;
  similarity: number;
  labelA: string;
  labelB: string;
}

/** The matched pairs of a compare answer, best first (the server's order, sorted again to be sure). */
export function pairsOf(r: CompareResponse): Pair[] {
  const d = r.matches.data, out: Pair[] = [];
  for (let i = 0; i < r.matches.n; i++) {
    out.push({
      layerA: Number(d.layer_a[i]), headA: Number(d.head_a[i]), layerB: Number(d.layer_b[i]), headB: Number(d.head_b[i]),
      similarity: typeof d.similarity[i] === 'number' ? (d.similarity[i] as number) : NaN,
      labelA: String(d.label_a[i] ?? ''), labelB: String(d.label_b[i] ?? ''),
    });
  }
  return out.sort((a, b) => (Number.isNaN(b.similarity) ? -1 : b.similarity) - (Number.isNaN(a.similarity) ? -1 : a.similarity));
}

/** Token row of (sequence, position) in an atlas with these sequence starts and lengths, or -1. */
export function rowAt(starts: ArrayLike<number>, lengths: ArrayLike<number>, seq: number, pos: number): number {
  return seq >= 0 && seq < starts.length && pos >= 0 && pos < lengths[seq] ? starts[seq] + pos : -1;
}

/** (sequence, position) of token row `row` (binary search over the ascending starts). */
export function seqPosOf(starts: ArrayLike<number>, row: number): [number, number] {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= row) lo = mid;
    else hi = mid - 1;
  }
  return [lo, row - starts[lo]];
}

/** One atlas's side: its tokens, sequences and the head on show. */
class Side {
  tokens: string[] = [];
  starts: number[] = [];
  lengths: number[] = [];
  block: LayoutBlock | null = null;
  /** per point (queries then keys): x, y in 0..1 */
  xy: Float32Array = new Float32Array(0);
  m = 0;
  layer = 0;
  head = 0;
  label = '';
  selected = -1;
  attention: TokenAttention | null = null;
  error = '';
  readonly canvas = el('canvas', { class: 'compare-canvas', width: 520, height: 520 });
  readonly title = el('div', { class: 'compare-title' });
  readonly strip = el('div', { class: 'compare-strip' });
  readonly el: HTMLElement;

  constructor(readonly which: 'a' | 'b', readonly id: string, readonly source: DataSource) {
    this.el = el('div', { class: 'compare-side', id: `compare-${which}` }, this.title, this.canvas, this.strip);
  }

  async load(): Promise<void> {
    const atlas = this.source.atlas(this.id);
    const [tokens, seqs] = await Promise.all([atlas.tokens(), atlas.sequences()]);
    this.tokens = tokenStrings(tokens);
    this.starts = seqs.data.start.map(Number);
    this.lengths = seqs.data.n_tokens.map(Number);
  }

  async show(layout: string, layer: number, head: number, label: string): Promise<void> {
    this.layer = layer;
    this.head = head;
    this.label = label;
    this.error = '';
    try {
      const b = await this.source.atlas(this.id).layout(layout, { layer, head });
      this.block = b;
      this.m = b.perRole;
      this.xy = squareXY(b);
    } catch (e) {
      this.block = null;
      this.xy = new Float32Array(0) as Float32Array;
      this.error = (e as Error).message;
    }
  }

  /** Point index (queries 0..m-1, keys m..2m-1) of a token row in a role. */
  point(row: number, role: Role): number {
    return row < 0 || row >= this.m ? -1 : (role === 'key' ? this.m : 0) + row;
  }

  screen(i: number): [number, number] {
    const c = this.canvas, pad = 12;
    return [pad + this.xy[i * 2] * (c.width - 2 * pad), pad + (1 - this.xy[i * 2 + 1]) * (c.height - 2 * pad)];
  }

  /** The point nearest to canvas pixel (x, y), within 12 px, or -1. */
  nearest(x: number, y: number): number {
    let best = -1, bd = 144;
    for (let i = 0; i < 2 * this.m; i++) {
      const [px, py] = this.screen(i);
      const d = (px - x) ** 2 + (py - y) ** 2;
      if (d < bd) [best, bd] = [i, d];
    }
    return best;
  }
}

/** A head's first two axes in 0..1 with one scale for both (the layout's shape kept, centred). */
export function squareXY(b: Pick<LayoutBlock, 'perRole' | 'dim' | 'coords' | 'bounds'>): Float32Array {
  const P = 2 * b.perRole, xy = new Float32Array(P * 2);
  const span = [b.bounds[1] - b.bounds[0], b.bounds[3] - b.bounds[2]];
  const scale = Math.max(span[0], span[1]) || 1;
  for (let a = 0; a < 2; a++) {
    const k = span[a] / scale, off = (1 - k) / 2;
    for (let i = 0; i < P; i++) xy[i * 2 + a] = off + (b.coords[i * b.dim + a] / 65535) * k;
  }
  return xy;
}

function tokenStrings(t: TokenData): string[] {
  const col = t.columns.find((c) => c.name === 'token');
  const dict = t.strings.token ?? [];
  if (!col) return [];
  return Array.from(col.data as ArrayLike<number>, (code) => dict[code] ?? String(code));
}

/** The compare view of atlases `a` and `b`, as an overlay over the page. */
export class CompareView {
  readonly el: HTMLElement;
  private sides: [Side, Side];
  private list = el('div', { id: 'compare-matches', class: 'compare-matches' });
  private summary = el('div', { id: 'compare-summary', class: 'muted' });
  private layoutSel = el('select', { id: 'compare-layout', title: 'layout of both heads' });
  private pairs: Pair[] = [];
  private current = 0;
  private role: Role = 'query';
  private gen = 0;

  constructor(private source: DataSource, readonly a: string, readonly b: string, private onClose: () => void) {
    this.sides = [new Side('a', a, source), new Side('b', b, source)];
    const close = el('button', { id: 'compare-close', onclick: () => this.close() }, 'close');
    this.layoutSel.onchange = () => void this.showPair(this.current);
    this.el = el('div', { id: 'compare', class: 'compare' },
      el('div', { class: 'compare-bar' }, el('b', {}, `compare ${a} \u2194 ${b}`), ' layout ', this.layoutSel, ' ', close, ' ', this.summary),
      el('div', { class: 'compare-body' }, this.list, this.sides[0].el, this.sides[1].el));
    for (const [k, s] of this.sides.entries()) {
      s.canvas.addEventListener('click', (e) => {
        const r = s.canvas.getBoundingClientRect();
        const i = s.nearest((e.clientX - r.left) * (s.canvas.width / r.width), (e.clientY - r.top) * (s.canvas.height / r.height));
        if (i >= 0) void this.select(k, i < s.m ? i : i - s.m, i < s.m ? 'query' : 'key');
      });
    }
    debugHook().view = this;
  }

  /** Load both atlases and the matching; show the pair of head `pairA` of A (default: the best). */
  async open(pairA?: [number, number]): Promise<void> {
    this.summary.textContent = 'matching heads\u2026 (the first time computes the comparison)';
    try {
      const [r, infoA, infoB] = await Promise.all([this.source.compare!(this.a, this.b), this.source.atlas(this.a).info(),
        this.source.atlas(this.b).info(), this.sides[0].load(), this.sides[1].load()]);
      this.pairs = pairsOf(r);
      const namesB = new Set(infoB.layouts.map((l) => l.name));
      const common = infoA.layouts.filter((l) => namesB.has(l.name) && l.dim === 2);
      this.layoutSel.replaceChildren(...common.map((l) => option(l.name, l.name)));
      const s = r.summary;
      this.summary.textContent = `${s.matched} heads matched, mean similarity ${fmt(s.mean_similarity)}, same label ` +
        `${s.label_agreement === null ? '\u2013' : Math.round(100 * s.label_agreement) + '%'}` +
        (s.same_corpus ? '' : ' \u00b7 the corpora differ: selection follows (sequence, position) only');
      if (!common.length) throw new Error(`the atlases have no 2-D layout in common (A: ${infoA.layouts.map((l) => l.name).join(', ') || 'none'})`);
      this.fillList();
      const want = pairA ? this.pairs.findIndex((p) => p.layerA === pairA[0] && p.headA === pairA[1]) : -1;
      await this.showPair(Math.max(0, want));
    } catch (e) {
      this.summary.textContent = `compare: ${(e as Error).message}`;
      this.summary.className = 'warn';
      debugHook().error = (e as Error).message;
    }
  }

  close(): void {
    this.el.remove();
    if (debugHook().view === this) debugHook().view = null;
    this.onClose();
  }

  private fillList(): void {
    this.list.replaceChildren(el('div', { class: 'muted' }, 'matched heads, best first'), ...this.pairs.map((p, i) =>
      el('div', { class: 'compare-pair', 'data-index': String(i), title: `${p.labelA || '?'} / ${p.labelB || '?'}`, onclick: () => void this.showPair(i) },
        `L${p.layerA} H${p.headA} \u2192 L${p.layerB} H${p.headB}`, el('span', { class: 'muted' }, ` ${fmt(p.similarity)}`))));
  }

  /** Show matched pair `i` (both heads), keeping the selected token. */
  async showPair(i: number): Promise<void> {
    const p = this.pairs[i];
    if (!p) return;
    this.current = i;
    const gen = ++this.gen;
    for (const row of this.list.querySelectorAll('.compare-pair')) row.classList.toggle('on', (row as HTMLElement).dataset.index === String(i));
    this.list.querySelector('.compare-pair.on')?.scrollIntoView?.({ block: 'nearest' });
    const layout = this.layoutSel.value;
    const [sa, sb] = this.sides;
    await Promise.all([sa.show(layout, p.layerA, p.headA, p.labelA), sb.show(layout, p.layerB, p.headB, p.labelB)]);
    if (gen !== this.gen) return;
    const url = new URL(location.href);
    url.searchParams.set('pair', `${p.layerA}.${p.headA}`);
    history.replaceState(history.state, '', url);
    await this.loadAttention();
    this.draw();
  }

  /** Select token `row` (a `role`) on side `k`; the other side selects the same (sequence, position). */
  async select(k: number, row: number, role: Role): Promise<void> {
    const [seq, pos] = seqPosOf(this.sides[k].starts, row);
    this.role = role;
    for (const s of this.sides) s.selected = rowAt(s.starts, s.lengths, seq, pos);
    await this.loadAttention();
    this.draw();
  }

  private async loadAttention(): Promise<void> {
    await Promise.all(this.sides.map(async (s) => {
      s.attention = null;
      if (s.selected < 0 || !s.block) return;
      try {
        s.attention = await this.source.atlas(s.id).tokenAttention(s.layer, s.head, s.selected, this.role);
      } catch (e) {
        s.error = (e as Error).message;
      }
    }));
  }

  draw(): void {
    for (const s of this.sides) this.drawSide(s);
    const h = debugHook();
    h.drawnAt = performance.now();
    h.state = {
      pair: this.pairs[this.current] ?? null, role: this.role,
      selected: this.sides.map((s) => s.selected), points: this.sides.map((s) => 2 * s.m),
      attention: this.sides.map((s) => (s.attention ? Array.from(s.attention.weights).reduce((x, y) => x + y, 0) : null)),
      seqPos: this.sides.map((s) => (s.selected >= 0 ? seqPosOf(s.starts, s.selected) : null)),
    };
  }

  private drawSide(s: Side): void {
    const c = s.canvas, g = c.getContext('2d')!;
    const light = document.body.classList.contains('light');
    g.fillStyle = light ? '#f4f4f6' : '#15171c';
    g.fillRect(0, 0, c.width, c.height);
    const tag = s.which.toUpperCase();
    s.title.textContent = `${tag}: ${s.id} \u00b7 L${s.layer} H${s.head}${s.label ? ` \u00b7 ${s.label}` : ''}`;
    if (s.error && !s.block) {
      g.fillStyle = '#e66';
      g.fillText(s.error.slice(0, 90), 10, 20);
    }
    const P = 2 * s.m, step = Math.max(1, Math.floor(P / 20000)), dim = s.attention ? 0.25 : 0.6;
    for (let i = 0; i < P; i += step) {
      const [x, y] = s.screen(i);
      g.fillStyle = rgbToCss(i < s.m ? ROLE_COLORS.query : ROLE_COLORS.key, dim);
      g.fillRect(x - 1, y - 1, 2.2, 2.2);
    }
    const sel = s.point(s.selected, this.role);
    if (sel >= 0 && s.attention) {
      // lines to the other role's points of the sequence, by attention (the strongest first drawn last)
      const a = s.attention, other: Role = this.role === 'query' ? 'key' : 'query';
      const [sx, sy] = s.screen(sel);
      const order = Array.from(a.weights.keys()).sort((i, j) => a.weights[i] - a.weights[j]);
      const max = Math.max(1e-9, ...a.weights);
      for (const j of order) {
        const w = a.weights[j] / max;
        if (w < 0.02) continue;
        const [x, y] = s.screen(s.point(a.start + j, other));
        g.strokeStyle = `rgba(255,190,40,${(0.15 + 0.85 * w).toFixed(3)})`;
        g.lineWidth = 0.5 + 3 * w;
        g.beginPath();
        g.moveTo(sx, sy);
        g.lineTo(x, y);
        g.stroke();
        g.fillStyle = rgbToCss(other === 'key' ? ROLE_COLORS.key : ROLE_COLORS.query, 0.5 + 0.5 * w);
        g.fillRect(x - 2.5, y - 2.5, 5, 5);
      }
      g.strokeStyle = light ? '#000' : '#fff';
      g.lineWidth = 2.5;
      g.beginPath();
      g.arc(sx, sy, 7, 0, 2 * Math.PI);
      g.stroke();
    }
    this.fillStrip(s);
  }

  /** The selected token's sequence as text, each token shaded by this side's attention. */
  private fillStrip(s: Side): void {
    if (s.selected < 0) {
      s.strip.replaceChildren(el('span', { class: 'muted' }, 'click a point (on either side) to select its token on both'));
      return;
    }
    const [seq, pos] = seqPosOf(s.starts, s.selected);
    const a = s.attention, n = s.lengths[seq], max = a ? Math.max(1e-9, ...a.weights) : 1;
    const lo = Math.max(0, pos - 40), hi = Math.min(n, pos + 40);
    const spans: HTMLElement[] = [el('span', { class: 'muted' }, `seq ${seq} pos ${pos} (${this.role}) `)];
    for (let j = lo; j < hi; j++) {
      const w = a ? a.weights[j] / max : 0;
      spans.push(el('span', {
        class: j === pos ? 'compare-tok sel' : 'compare-tok',
        style: `background:rgba(255,190,40,${(0.85 * w).toFixed(3)})`, title: a ? `attention ${a.weights[j].toFixed(3)}` : '',
      }, s.tokens[s.starts[seq] + j] ?? '?'));
    }
    s.strip.replaceChildren(...spans);
  }

  /** Canvas position (page pixels) of token `row` in a role on side k (tests click there). */
  pointPage(k: number, row: number, role: Role): [number, number] | null {
    const s = this.sides[k], i = s.point(row, role);
    if (i < 0) return null;
    const [x, y] = s.screen(i), r = s.canvas.getBoundingClientRect();
    return [r.left + (x * r.width) / s.canvas.width, r.top + (y * r.height) / s.canvas.height];
  }
}

function fmt(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : '\u2013';
}

interface CompareDebug {
  view: CompareView | null;
  drawnAt?: number;
  error?: string;
  state?: unknown;
}

/** `window.__qkCompare`: the open view and what it drew (the browser tests read it). */
function debugHook(): CompareDebug {
  const w = window as unknown as { __qkCompare?: CompareDebug };
  return (w.__qkCompare ??= { view: null });
}

/**
 * Offer the compare view: a "compare" button in the top bar `bar` when `source` can compare and
 * serves at least two atlases (A = the first, B = the second; both can be changed in the page URL),
 * and open it now when the page URL asks (`?compare=A,B[&pair=LAYER.HEAD]`).
 */
export async function installCompare(source: DataSource, bar: HTMLElement | null, root: HTMLElement = document.body): Promise<void> {
  if (!source.compare) return;
  let atlases: AtlasSummary[];
  try {
    atlases = await source.atlases();
  } catch {
    return;
  }
  if (atlases.length < 2) return;
  const open = (a: string, b: string, pair?: [number, number]) => {
    document.getElementById('compare')?.remove();
    const url = new URL(location.href);
    url.searchParams.set('compare', `${a},${b}`);
    history.replaceState(history.state, '', url);
    const view = new CompareView(source, a, b, () => {
      const u = new URL(location.href);
      u.searchParams.delete('compare');
      u.searchParams.delete('pair');
      history.replaceState(history.state, '', u);
    });
    root.append(view.el);
    void view.open(pair);
  };
  const names = atlases.map((x) => x.name);
  const label = (x: AtlasSummary) => (names.filter((n) => n === x.name).length > 1 ? x.id : x.name); // ids when names repeat
  const selA = el('select', { id: 'compare-a-atlas', title: 'atlas A' }, ...atlases.map((x) => option(x.id, label(x))));
  const selB = el('select', { id: 'compare-b-atlas', title: 'atlas B' }, ...atlases.map((x) => option(x.id, label(x))));
  selB.value = atlases[1].id;
  const btn = el('button', { id: 'compare-open', title: 'match the heads of two atlases of the same corpus and compare them side by side',
    onclick: () => open(selA.value, selB.value) }, 'compare');
  bar?.insertBefore(el('span', { class: 'compare-entry' }, selA, '\u2194', selB, btn), bar.querySelector('.grow'));
  const params = new URLSearchParams(location.search), want = params.get('compare');
  if (want) {
    const [a, b] = want.split(',');
    const pair = params.get('pair')?.split('.').map(Number);
    if (a && b) open(a, b, pair && pair.length === 2 && pair.every(Number.isFinite) ? [pair[0], pair[1]] : undefined);
  }
}
