// The head view's side-panel sections: the head's label and metrics, its similar heads (each a
// thumbnail of its points; click to go there) and the buttons to the sequence and image views.
import type { AtlasInfo, SimilarHead } from '../api/types';
import type { Heads } from '../data/heads';
import { rgbToCss } from '../render/colors';
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
  cloud(index: number): { local: Float32Array; m: number } | null;
  actions: Actions;
}

export function headSections(d: HeadPanelData): HTMLElement {
  const { info, heads } = d;
  const [layer, head] = headOf(d.index, info.n_heads);
  const sec = el('section', { id: 'head-info' }, el('h3', {}, `layer ${layer} \u00b7 head ${head}`));
  if (info.n_kv_heads !== info.n_heads) sec.append(el('div', { class: 'muted' }, `reads key head ${info.model.kv_head_of?.[head] ?? '?'} (grouped-query)`));
  const row = heads ? heads.row(d.index) : -1;
  if (heads && row >= 0) {
    const label = heads.label(row);
    if (label) sec.append(el('div', {}, el('span', { class: 'chip', style: `background:${rgbToCss(heads.labelColor(label))}` }, label), ' ', el('span', { class: 'muted' }, heads.rule(row))));
    sec.append(kv(heads.metrics.slice(0, 14).map((m) => [m, fmtNum(heads.column(m)?.[row])])));
  } else if (d.headsError) {
    sec.append(el('div', { class: 'muted' }, d.headsError));
  }
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
