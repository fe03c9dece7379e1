// The hover tooltip of a point: the token, its role, "position i of n", its sequence (context).
import type { AtlasInfo } from '../api/types';
import { showToken, type Sequences, type TokenTable } from '../data/tokens';
import { ROLE_COLORS, rgbToCss } from '../render/colors';
import type { Pick } from '../render/deck';
import { headOf } from '../state/store';
import { escapeHtml } from './dom';

/** Fill and place the tooltip for point `p` under the pointer at (x, y) in a stage of w x h. */
export function showTooltip(t: HTMLElement, p: Pick, info: AtlasInfo, tok: TokenTable, seqs: Sequences, x: number, y: number, w: number, h: number): void {
  const seq = tok.seq(p.row), pos = tok.pos(p.row), n = tok.seqLen(p.row);
  const start = seqs.start[seq];
  const lo = Math.max(0, pos - 10), hi = Math.min(n, pos + 11);
  const ctx: string[] = [];
  for (let j = lo; j < hi; j++) {
    const s = escapeHtml(showToken(tok.token(start + j), 18));
    ctx.push(j === pos ? `<b>${s}</b>` : s);
  }
  const [layer, head] = headOf(p.index, info.n_heads);
  const color = p.role === 'query' ? ROLE_COLORS.query : ROLE_COLORS.key;
  const text = seqs.text[seq] ?? '';
  t.innerHTML =
    `<div><span class="tok">${escapeHtml(showToken(tok.token(p.row), 40))}</span> ` +
    `<span class="chip" style="background:${rgbToCss(color)}">${p.role}</span></div>` +
    `<div class="muted">position ${pos} of ${n} \u00b7 ${info.image ? 'image' : 'sequence'} ${seq} \u00b7 L${layer} H${head}</div>` +
    `<div class="ctx">${lo > 0 ? '\u2026 ' : ''}${ctx.join(' ')}${hi < n ? ' \u2026' : ''}</div>` +
    (text && !info.image ? `<div class="ctx">${escapeHtml(text.length > 240 ? text.slice(0, 240) + '\u2026' : text)}</div>` : text ? `<div class="ctx">${escapeHtml(text)}</div>` : '');
  t.style.display = 'block';
  t.style.left = `${Math.min(x + 14, w - 370)}px`;
  t.style.top = `${Math.min(y + 14, h - t.offsetHeight - 6)}px`;
}

export function hideTooltip(t: HTMLElement): void {
  t.style.display = 'none';
}
