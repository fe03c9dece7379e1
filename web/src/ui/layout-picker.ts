// The layout picker's options: every layout of the atlas, complete or still being computed, the
// latter with its progress ("t-SNE 2-D 34/72": heads done of heads total). A layout being
// computed can be chosen: the matrix draws the heads done so far and fills in as the rest finish.
import type { AtlasInfo, LayoutDesc, LayoutProgress } from '../api/types';
import { option } from './dom';

const METHOD_NAMES: Record<string, string> = { tsne: 't-SNE', pca: 'PCA', umap: 'UMAP', pacmap: 'PaCMAP' };

/** "t-SNE 2-D", "PCA 3-D", "ATTN 2-D" for a method without a known name. */
export function layoutLabel(l: LayoutDesc): string {
  return `${METHOD_NAMES[l.method] ?? l.method.toUpperCase()} ${l.dim}-D`;
}

/** Every layout to offer: the progress list (all layouts of the manifest), else the complete ones. */
export function layoutChoices(info: AtlasInfo): LayoutProgress[] {
  const total = info.n_layers * info.n_heads;
  const byName = new Map<string, LayoutProgress>();
  for (const l of info.layouts) byName.set(l.name, { ...l, complete: true, heads_done: total, heads_total: total });
  for (const p of info.layout_progress ?? []) if (!p.complete || !byName.has(p.name)) byName.set(p.name, p);
  return [...byName.values()].sort((a, b) => a.dim - b.dim || order(info, a) - order(info, b));
}

function order(info: AtlasInfo, l: LayoutProgress): number {
  const i = info.layouts.findIndex((x) => x.name === l.name);
  return i >= 0 ? i : 1000 + (info.layout_progress ?? []).findIndex((x) => x.name === l.name);
}

/** The option's text: the layout's name, with heads done / total while it is being computed. */
export function choiceLabel(p: LayoutProgress): string {
  return p.complete ? layoutLabel(p) : `${layoutLabel(p)} ${p.heads_done}/${p.heads_total}`;
}

/** Layouts being computed, as "tsne-2d 34/72". */
export function progressText(info: AtlasInfo): string[] {
  return (info.layout_progress ?? []).filter((p) => !p.complete).map((p) => `${p.name} ${p.heads_done}/${p.heads_total}`);
}

/** Fill `select` with the layouts of `info` (keeping `current` selected). */
export function fillLayouts(select: HTMLSelectElement, info: AtlasInfo, current: string | null): void {
  const opts = layoutChoices(info).map((p) => {
    const o = option(p.name, choiceLabel(p));
    o.disabled = !p.complete && p.heads_done === 0;
    if (!p.complete) o.title = `being computed: ${p.heads_done} of ${p.heads_total} heads done (shown as they finish)`;
    return o;
  });
  select.replaceChildren(...opts);
  if (current) select.value = current;
}
