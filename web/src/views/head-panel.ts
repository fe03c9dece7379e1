// The head view's side-panel sections: the head's label and metrics, its similar heads (each a
// thumbnail of its points; click to go there) and the buttons to the sequence and image views.
import type { AtlasInfo, HeadInfo, SimilarHead } from '../api/types';
import type { Heads } from '../data/heads';
import { rgbToCss } from '../render/colors';
import { MEASURE_HELP } from '../render/measure-tint';
import type { Actions } from '../state/actions';
import { headOf } from '../state/store';
import { el, fmtNum, kv } from '../ui/dom';

export interface HeadPanelData {
  info: AtlasInfo;
  heads: Heads | null;
  headsError: string;
  index: number;
  /** a token is selected (the sequence view can open) */
  selected: boolean;
  similar: SimilarHead[] | null;
  similarError: string;
  /** GET /head: terms beyond q.k, label, metrics, fidelity, why analysis is missing (null: not loaded or no such source) */
  headInfo: HeadInfo | null;
  headInfoError: string;
  /** the layout on show: its fidelity and geometry come first */
  layout?: string;
  cloud(index: number): { local: Float32Array; m: number } | null;
  actions: Actions;
}

export function headSections(d: HeadPanelData): HTMLElement {
  const { info, heads } = d;
  const [layer, head] = headOf(d.index, info.n_heads);
  const sec = el('section', { id: 'head-info' }, el('h3', {}, `layer ${layer} \u00b7 head ${head}`));
  if (info.n_kv_heads !== info.n_heads) sec.append(el('div', { class: 'muted' }, `reads key head ${info.model.kv_head_of?.[head] ?? '?'} (grouped-query)`));
  sec.append(...beyondQk(d.headInfo));
  const row = heads ? heads.row(d.index) : -1;
  if (heads && row >= 0) {
    const label = heads.label(row);
    if (label) sec.append(el('div', {}, el('span', { class: 'chip', style: `background:${rgbToCss(heads.labelColor(label))}` }, label), ' ', el('span', { class: 'muted' }, heads.rule(row))));
    sec.append(kv(heads.metrics.slice(0, 14).map((m) => [m, fmtNum(heads.column(m)?.[row])])));
  } else if (d.headInfo?.label) {
    sec.append(el('div', {}, el('span', { class: 'chip' }, d.headInfo.label), ' ', el('span', { class: 'muted' }, d.headInfo.rule ?? '')));
  }
  if (d.headInfo?.analysis_error) sec.append(el('div', { class: 'warn', id: 'analysis-error' }, d.headInfo.analysis_error));
  else if (!(heads && row >= 0) && d.headsError) sec.append(el('div', { class: 'muted' }, d.headsError));
  const fid = Object.entries(d.headInfo?.fidelity ?? {});
  const geo = d.headInfo?.geometry ?? {}, cur = d.layout ?? '';
  if (cur && (cur in geo || d.headInfo?.fidelity[cur] != null)) {
    sec.append(el('div', { id: 'head-measures', title: `${MEASURE_HELP.fidelity}\n${MEASURE_HELP.geometry}` },
      kv([[`fidelity (${cur})`, fmtNum(d.headInfo?.fidelity[cur])], [`geometry (${cur})`, cur in geo ? fmtNum(geo[cur]) : 'not measured']])));
  }
  const others = fid.filter(([k]) => k !== cur);
  if (others.length) sec.append(el('div', { id: 'head-fidelity', title: 'how much of the attention the layout shows (neighbour overlap with the top attended keys)' }, kv(others.map(([k, v]) => [`fidelity ${k}`, fmtNum(v)]))));
  // similar heads strip
  const strip = el('div', { class: 'similar', id: 'similar' });
  const simSec = el('section', {}, el('h3', {}, 'similar heads'), strip);
  if (d.similar) {
    for (const s of d.similar) {
      const c = el('canvas', { width: 66, height: 66 });
      const index = s.layer * info.n_heads + s.head;
      drawMini(c, d.cloud(index));
      strip.append(el('figure', { title: `layer ${s.layer} head ${s.head}`, onclick: () => void d.actions.focusHead(index) }, c,
        el('figcaption', {}, `L${s.layer} H${s.head}${s.score !== null ? ` \u00b7 ${s.score.toFixed(2)}` : ''}`)));
    }
  } else {
    strip.append(el('span', { class: 'muted' }, d.similarError || 'loading\u2026'));
  }
  const nav = el('div', { style: 'margin-top:6px; display:flex; gap:4px; flex-wrap:wrap' });
  if (d.selected) nav.append(el('button', { id: 'open-sequence', onclick: () => d.actions.openSequence() }, 'sequence view'));
  if (info.images) nav.append(el('button', { id: 'open-image', onclick: () => d.actions.openImage() }, 'image view'));
  sec.append(nav);
  return el('div', {}, sec, simSec);
}

/**
 * What the head's attention has beyond q.k (sliding window, soft-cap, ALiBi), in the server's
 * words: the layout shows the q.k part only.
 */
function beyondQk(h: HeadInfo | null): HTMLElement[] {
  if (!h || !h.beyond_qk.length) return [];
  const list = el('ul', { class: 'beyond' }, ...h.beyond_qk.map((t) => el('li', {}, t)));
  return [el('div', { id: 'beyond-qk', class: 'beyond-qk', title: 'attention terms that the q\u00b7k layout does not show' },
    el('div', { class: 'muted' }, 'attention beyond q\u00b7k (not in the layout):'), list)];
}

/** A head's points (queries green, keys pink) on a small canvas. */
export function drawMini(c: HTMLCanvasElement, cloud: { local: Float32Array; m: number } | null): void {
  const g = c.getContext('2d')!;
  g.clearRect(0, 0, c.width, c.height);
  if (!cloud) return;
  const P = 2 * cloud.m;
  const step = Math.max(1, Math.floor(P / 3000));
  for (let i = 0; i < P; i += step) {
    const x = 3 + cloud.local[i * 2] * (c.width - 6), y = 3 + (1 - cloud.local[i * 2 + 1]) * (c.height - 6);
    g.fillStyle = i < cloud.m ? 'rgba(44,170,90,0.55)' : 'rgba(230,60,150,0.55)';
    g.fillRect(x, y, 1.3, 1.3);
  }
}
