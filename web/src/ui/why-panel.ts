// "Why this head attends": the head view's side-panel section (in ui/ like panels.ts, since views
// may not import each other), over the data source's optional analysis methods (components,
// contributions, componentScores, topSequences, valueNorms):
//   * the shares of the head's logit variance carried by each component of its bilinear form;
//   * for the selected token and its most attended partner, what each component adds to the logit;
//   * a control to colour the head's points by one component (diverging: negative blue, positive
//     red) or by ||v||, which the head view asks for through colors();
//   * the head's top sequences, each opening the sequence view.
// A source without these methods (static export, widget) gets no section: nothing here is required.
import type { AtlasSource, ComponentScores, NormsBlock } from '../api/source';
import type { ComponentsResponse, ContributionsResponse, TopSequencesResponse } from '../api/types';
import { POINT_ALPHA } from '../render/coloring';
import { RAMPS, rampColor, type RGB } from '../render/colors';
import type { Actions } from '../state/actions';
import type { AppStore } from '../state/store';
import { headOf, selectionOf } from '../state/store';
import { el, option } from './dom';

/** components offered as colours (and drawn as share bars) */
export const SHOWN_COMPONENTS = 8;
const NEG: RGB = [40, 110, 235], MID: RGB = [205, 205, 205], POS: RGB = [225, 45, 40];

export interface WhyContext {
  store: AppStore;
  source: AtlasSource;
  actions: Actions;
  /** the points' colours changed (redraw the head) */
  recolor(): void;
}

/** The pair a selection stands for: the token and the partner it attends most (or is attended by). */
export function pairOf(row: number, role: 'query' | 'key', weights: Float32Array | null, start: number): { query: number; key: number } | null {
  if (!weights || !weights.length) return null;
  let best = 0;
  for (let j = 1; j < weights.length; j++) if (weights[j] > weights[best]) best = j;
  return role === 'query' ? { query: row, key: start + best } : { query: start + best, key: row };
}

/** RGBA of 2m points on a diverging scale of their component scores (|score| / maxAbs). */
export function componentColors(scores: Float32Array, maxAbs: number): Uint8Array {
  const out = new Uint8Array(scores.length * 4);
  const top = maxAbs > 0 ? maxAbs : 1;
  for (let i = 0; i < scores.length; i++) {
    const t = Math.max(-1, Math.min(1, scores[i] / top));
    const end = t < 0 ? NEG : POS, f = Math.sqrt(Math.abs(t));
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(MID[c] + (end[c] - MID[c]) * f);
    out[i * 4 + 3] = POINT_ALPHA;
  }
  return out;
}

/** RGBA of 2m points by ||v|| (uint8 of the head's max), viridis: a token's query and key alike. */
export function valueColors(norms: Uint8Array): Uint8Array {
  const out = new Uint8Array(norms.length * 4);
  for (let i = 0; i < norms.length; i++) {
    out.set(rampColor(RAMPS.viridis, norms[i] / 255), i * 4);
    out[i * 4 + 3] = POINT_ALPHA;
  }
  return out;
}

export class WhyPanel {
  private index = -1;
  private comps: ComponentsResponse | null = null;
  private compsError = '';
  private top: TopSequencesResponse | null = null;
  private topError = '';
  private contrib: ContributionsResponse | null = null;
  private contribKey = '';
  private contribError = '';
  /** '' (the toolbar's colour), 'c0'..'c7' (a component), 'v' (||v||) */
  private colorBy = '';
  private colorData: { key: string; colors: Uint8Array } | null = null;

  constructor(private ctx: WhyContext) {}

  /** The source answers these questions at all. */
  get available(): boolean {
    return !!(this.ctx.source.components || this.ctx.source.topSequences);
  }

  /** What the override colours depend on ('' when the toolbar's colour applies). */
  get colorKey(): string {
    return this.colorData && this.colorBy ? this.colorData.key : '';
  }

  /** The override colours of head `index` (2n points), or null. */
  colors(index: number): Uint8Array | null {
    return this.colorData && this.colorBy && this.colorData.key.startsWith(`${index}|`) ? this.colorData.colors : null;
  }

  /** A new head is on show: load its components and top sequences, keep the colour choice. */
  async load(index: number): Promise<void> {
    if (index === this.index) return;
    this.index = index;
    this.comps = this.top = this.contrib = null;
    this.compsError = this.topError = this.contribError = this.contribKey = '';
    this.colorData = null;
    const { source, store } = this.ctx;
    const [layer, head] = headOf(index, store.get().info!.n_heads);
    const comps = source.components?.(layer, head).then((c) => { if (this.index === index) this.comps = c; },
      (e: Error) => { if (this.index === index) this.compsError = e.message; });
    const top = source.topSequences?.(layer, head).then((t) => { if (this.index === index) this.top = t; },
      (e: Error) => { if (this.index === index) this.topError = e.message; });
    await Promise.all([comps, top]);
    if (this.index !== index) return;
    this.ctx.actions.refreshPanel();
    if (this.colorBy) await this.loadColors();
  }

  /** Colour the head's points by `by`: '' (the toolbar's colour), 'c0'.. (a component), 'v' (||v||). */
  async setColor(by: string): Promise<void> {
    this.colorBy = by;
    await this.loadColors();
  }

  private async loadColors(): Promise<void> {
    const index = this.index, by = this.colorBy, { source, store } = this.ctx;
    if (index < 0 || !by) {
      this.colorData = null;
      this.ctx.recolor();
      return;
    }
    const [layer, head] = headOf(index, store.get().info!.n_heads);
    try {
      let colors: Uint8Array;
      if (by === 'v') {
        const v: NormsBlock = await source.valueNorms!(layer, head);
        colors = valueColors(v.norms);
      } else {
        const c: ComponentScores = await source.componentScores!(layer, head, Number(by.slice(1)));
        colors = componentColors(c.scores, c.maxAbs);
      }
      if (index !== this.index || by !== this.colorBy) return;
      this.colorData = { key: `${index}|${by}`, colors };
    } catch (e) {
      this.colorData = null;
      this.ctx.actions.status(`colour by ${by === 'v' ? '||v||' : `component ${Number(by.slice(1)) + 1}`}: ${(e as Error).message}`, true);
    }
    this.ctx.recolor();
    this.ctx.actions.refreshPanel();
  }

  private async loadContributions(layer: number, head: number, pair: { query: number; key: number }, key: string): Promise<void> {
    try {
      const c = await this.ctx.source.contributions!(layer, head, pair.query, pair.key);
      if (this.contribKey !== key) return;
      this.contrib = c;
      this.contribError = '';
    } catch (e) {
      if (this.contribKey !== key) return;
      this.contrib = null;
      this.contribError = (e as Error).message;
    }
    this.ctx.actions.refreshPanel();
  }

  /** The section, for the selection's attention in this head (`weights` from `start`), or null. */
  panel(weights: Float32Array | null, start: number): HTMLElement | null {
    if (!this.available || this.index < 0) return null;
    const s = this.ctx.store.get(), [layer, head] = headOf(this.index, s.info!.n_heads);
    const sec = el('section', { id: 'why' }, el('h3', {}, 'why this head attends'));
    sec.append(this.sharesBlock(), this.colorControl());
    const sel = selectionOf(s);
    const pair = sel && this.ctx.source.contributions ? pairOf(sel.row, sel.role, weights, start) : null;
    if (pair) {
      const key = `${this.index}|${pair.query}|${pair.key}`;
      if (key !== this.contribKey) {
        this.contribKey = key;
        this.contrib = null;
        void this.loadContributions(layer, head, pair, key);
      }
      sec.append(this.contribBlock(pair));
    } else if (this.ctx.source.contributions) {
      sec.append(el('div', { class: 'muted' }, 'click a token: what each component adds to its top attention logit'));
    }
    sec.append(this.topBlock());
    sec.dataset.colored = this.colorKey;
    return sec;
  }

  private sharesBlock(): HTMLElement {
    const box = el('div', { id: 'why-shares', title: 'share of the head\u2019s logit variance carried by each component of q\u00b7k (from the captured vectors)' });
    if (!this.comps) return box.appendChild(el('div', { class: 'muted' }, this.compsError || 'loading components\u2026')).parentElement!;
    box.append(el('div', { class: 'muted' }, 'components of q\u00b7k, share of logit variance'));
    this.comps.shares.slice(0, SHOWN_COMPONENTS).forEach((v, i) => box.append(bar(`c${i + 1}`, v ?? 0, 1, `${((v ?? 0) * 100).toFixed(1)}%`)));
    return box;
  }

  private colorControl(): HTMLElement {
    const src = this.ctx.source;
    const sel = el('select', { id: 'why-color', title: 'colour this head\u2019s points by a component or by ||v||' });
    sel.append(option('', 'toolbar colour'));
    const k = Math.min(SHOWN_COMPONENTS, this.comps?.shares.length ?? SHOWN_COMPONENTS);
    if (src.componentScores) for (let i = 0; i < k; i++) sel.append(option(`c${i}`, `component ${i + 1}`));
    if (src.valueNorms) sel.append(option('v', 'value norm ||v||'));
    sel.value = this.colorBy;
    sel.onchange = () => void this.setColor(sel.value);
    const v = (t: number) => swatch(rampColor(RAMPS.viridis, t));
    const legend = !this.colorBy ? null : this.colorBy === 'v'
      ? el('span', { class: 'muted' }, ' ', v(0), ' 0 ', v(0.5), ' ', v(1), ' max')
      : el('span', { class: 'muted' }, ' ', swatch(NEG), ' \u2212 ', swatch(MID), ' 0 ', swatch(POS), ' +');
    return el('div', { class: 'why-row' }, el('label', {}, 'colour points: ', sel), legend);
  }

  private contribBlock(pair: { query: number; key: number }): HTMLElement {
    const tok = this.ctx.store.get().tokens!;
    const box = el('div', { id: 'why-contrib' });
    box.append(el('div', { class: 'muted' }, `logit of \u201c${tok.token(pair.query)}\u201d \u2192 \u201c${tok.token(pair.key)}\u201d by component`));
    const c = this.contrib;
    if (!c) return box.appendChild(el('div', { class: 'muted' }, this.contribError || 'loading\u2026')).parentElement!;
    const parts = c.contributions.slice(0, SHOWN_COMPONENTS);
    const rest = c.rest + c.contributions.slice(SHOWN_COMPONENTS).reduce((a, b) => a + b, 0);
    const top = Math.max(1e-9, ...parts.map(Math.abs), Math.abs(rest));
    parts.forEach((v, i) => box.append(bar(`c${i + 1}`, v, top, v.toFixed(2))));
    box.append(bar('rest', rest, top, rest.toFixed(2)));
    box.append(el('div', { class: 'why-total' }, `logit ${c.logit.toFixed(2)} \u00b7 attention ${(c.probability * 100).toFixed(1)}%`));
    return box;
  }

  private topBlock(): HTMLElement {
    const box = el('div', { id: 'why-top' });
    if (!this.top) return box.appendChild(el('div', { class: 'muted' }, this.topError || (this.ctx.source.topSequences ? 'loading top sequences\u2026' : ''))).parentElement!;
    box.append(el('div', { class: 'muted' }, `top sequences (${this.top.label}: ${this.top.metric})`));
    const list = el('ol', { class: 'why-list' });
    const seqs = this.ctx.store.get().seqs;
    for (const r of this.top.rows) {
      list.append(el('li', {
        title: `sequence ${r.seq}, score ${r.score?.toFixed(3) ?? '\u2013'}: open it in the sequence view`,
        'data-seq': r.seq,
        onclick: () => {
          if (!seqs) return;
          void this.ctx.actions.selectToken(seqs.start[r.seq] + seqs.n_tokens[r.seq] - 1, 'query').then(() => this.ctx.actions.openSequence());
        },
      }, el('span', { class: 'why-score' }, r.score?.toFixed(2) ?? '\u2013'), ' ', r.text));
    }
    box.append(list);
    return box;
  }
}

function swatch(c: RGB): HTMLElement {
  return el('span', { class: 'why-swatch', style: `background:rgb(${c.join(',')})` });
}

/** One labelled bar: positive to the right (red), negative to the left (blue) of the middle when `v` can be negative. */
function bar(label: string, v: number, top: number, text: string): HTMLElement {
  const w = Math.min(100, (Math.abs(v) / top) * 100);
  const fill = el('div', { class: `why-fill ${v < 0 ? 'neg' : 'pos'}`, style: `width:${w.toFixed(1)}%` });
  return el('div', { class: 'why-bar' }, el('span', { class: 'why-label' }, label), el('div', { class: 'why-track' }, fill), el('span', { class: 'why-value' }, text));
}
