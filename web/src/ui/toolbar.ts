// The top bar: atlas, layout, colour, size, thumbnails, cell tint, sort, search, theme.
// Controls set the store (plain settings) or call actions (flows); sync() shows the store's state.
import type { AtlasInfo, AtlasSummary } from '../api/types';
import type { Heads } from '../data/heads';
import type { ColorMode } from '../render/coloring';
import type { Actions } from '../state/actions';
import type { AppModel, AppStore, Changed } from '../state/store';
import { el, option } from './dom';
import { fillLayouts } from './layout-picker';
import { MEASURE_HELP, measureTint, measuresIn } from '../render/measure-tint';

const SEARCH_DELAY = 250;

export class Toolbar {
  readonly el: HTMLElement;
  private atlas = el('select', { id: 'atlas', title: 'atlas' });
  private layout = el('select', { id: 'layout', title: 'layout' });
  private color = el('select', { id: 'color', title: 'colour by' });
  private size = el('input', { type: 'checkbox', id: 'size' });
  private thumbs = el('input', { type: 'checkbox', id: 'thumbs' });
  private thumbsWrap: HTMLElement;
  private tint = el('select', { id: 'tint', title: 'tint cells by a head metric or label' });
  private sort = el('select', { id: 'sort', title: 'order of the heads in the matrix' });
  private search = el('input', { id: 'search', type: 'search', placeholder: 'search a token\u2026', title: 'exact token (case-insensitive) or, with regex, a pattern' });
  private regex = el('input', { type: 'checkbox', id: 'regex' });
  private count = el('span', { id: 'search-count' });
  private theme = el('button', { id: 'theme', title: 'dark / light theme' });

  constructor(private store: AppStore, private actions: Actions) {
    this.atlas.onchange = () => void actions.switchAtlas(this.atlas.value);
    this.layout.onchange = () => void actions.switchLayout(this.layout.value);
    this.color.onchange = () => store.set({ color: this.color.value });
    this.size.onchange = () => store.set({ size: this.size.checked });
    this.thumbs.onchange = () => store.set({ thumbs: this.thumbs.checked });
    this.tint.onchange = () => store.set({ tint: this.tint.value });
    this.sort.onchange = () => actions.setSort(this.sort.value);
    this.regex.onchange = () => this.runSearch();
    this.theme.onclick = () => store.set({ theme: store.get().theme === 'dark' ? 'light' : 'dark' });
    let timer = 0;
    this.search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => this.runSearch(), SEARCH_DELAY);
    });
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        clearTimeout(timer);
        this.runSearch();
      }
    });
    this.thumbsWrap = el('label', { title: 'draw image patches as thumbnails in the single-head view' }, this.thumbs, ' thumbnails');
    this.el = el('header', { id: 'bar' },
      el('span', { class: 'brand' }, 'qkatlas'),
      el('label', {}, 'atlas ', this.atlas),
      el('label', {}, 'layout ', this.layout),
      el('label', {}, 'colour ', this.color),
      el('label', { title: 'point size by vector norm' }, this.size, ' size by norm'),
      this.thumbsWrap,
      el('label', {}, 'cells ', this.tint),
      el('label', {}, 'sort ', this.sort),
      el('span', { class: 'searchbox' }, this.search, ' ', el('label', {}, this.regex, ' regex'), ' ', this.count),
      el('span', { class: 'grow' }),
      this.theme,
    );
    this.sync(store.get());
  }

  private runSearch(): void {
    void this.actions.search(this.search.value, this.regex.checked);
  }

  /** The text box's current query (what a search should look for). */
  get query(): string {
    return this.search.value;
  }

  setAtlases(atlases: AtlasSummary[]): void {
    this.atlas.replaceChildren(...atlases.map((a) => option(a.id, `${a.name} (${a.n_layers}\u00d7${a.n_heads})${a.status === 'updating' ? ' \u00b7 updating' : ''}`)));
    const cur = this.store.get().atlas;
    if (cur) this.atlas.value = cur;
  }

  setAtlas(info: AtlasInfo, modes: ColorMode[]): void {
    this.color.replaceChildren(...modes.map((m) => option(m.id, m.label)));
    this.setLayouts(info);
    this.thumbsWrap.style.display = info.thumbnails ? '' : 'none';
  }

  /** Layout options, with the progress of layouts being computed (ui/layout-picker.ts). */
  setLayouts(info: AtlasInfo): void {
    fillLayouts(this.layout, info, this.store.get().layout);
  }

  /** Tint and sort options: plain / layer order, by label, by each metric (disabled without metrics). */
  setHeads(heads: Heads | null, error: string): void {
    const measures = heads ? measuresIn(heads.metrics).map((m) => Object.assign(option(measureTint(m), `by ${m} (this layout)`), { title: MEASURE_HELP[m] })) : [];
    const tint = [option('none', 'plain'), ...(heads ? [option('label', 'by label'), ...measures, ...heads.metrics.map((m) => option(`metric:${m}`, `by ${m}`))] : [])];
    const sort = [option('layer', 'layer, head'), ...(heads ? [option('label', 'by label'), ...heads.metrics.map((m) => option(`metric:${m}`, `by ${m} \u2193`))] : [])];
    this.tint.replaceChildren(...tint);
    this.sort.replaceChildren(...sort);
    this.tint.disabled = !heads;
    this.sort.disabled = !heads;
    this.tint.title = heads ? 'tint cells by a head metric or label' : `head metrics unavailable: ${error || 'loading'}`;
    this.sync(this.store.get());
  }

  setCount(text: string, none: boolean): void {
    this.count.textContent = text;
    this.count.className = none ? 'none' : '';
  }

  /** The label of the current colour mode. */
  colorLabel(): string {
    return this.color.selectedOptions?.[0]?.textContent ?? this.store.get().color;
  }

  /** Show the store's state in the controls. */
  sync(s: Readonly<AppModel>, changed?: Changed<AppModel>): void {
    if (s.atlas) this.atlas.value = s.atlas;
    if (s.layout) this.layout.value = s.layout;
    this.color.value = s.color;
    this.size.checked = s.size;
    this.thumbs.checked = s.thumbs;
    const valid = (v: string) => v === 'none' || v === 'layer' || (s.heads ? s.heads.isOption(v) : false);
    this.tint.value = valid(s.tint) ? s.tint : 'none';
    this.sort.value = valid(s.sort) && !s.sort.startsWith('layout:') ? s.sort : 'layer';
    if (!changed || changed.has('search')) {
      if (this.search.value !== s.search) this.search.value = s.search;
    }
    this.regex.checked = s.regex;
    this.theme.textContent = s.theme === 'dark' ? '\u263e dark' : '\u2600 light';
  }
}
