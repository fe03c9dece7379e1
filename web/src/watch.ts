// Watching the server for changes while the page is open: the current atlas's info while a layout
// is being computed or the atlas is being updated (layout progress, new layouts, analysis
// finished), and the list of atlases (new atlases in a served folder appear in the picker).
// Both polls are bounded (state/poll.ts); the app decides what a change means.
import type { AtlasSource, DataSource } from './api/source';
import type { AtlasInfo, AtlasSummary } from './api/types';
import type { DebugState } from './debug';
import { Poller } from './state/poll';
import { progressText } from './ui/layout-picker';

export interface WatchHooks {
  /** the atlas shown now (its info is polled), or null */
  atlas(): AtlasSource | null;
  /** the atlas's info changed */
  info(info: AtlasInfo): void;
  /** the list of atlases changed */
  atlases(list: AtlasSummary[]): void;
}

/** Something of the atlas is still changing: a layout being computed, or files being swapped. */
export function changing(info: AtlasInfo): boolean {
  return info.status === 'updating' || (info.layout_progress ?? []).some((p) => !p.complete);
}

export class Watch {
  private infoPoll: Poller;
  private listPoll: Poller;
  private lastInfo = '';
  private lastList = '';

  /** `interval`: ms between polls of a changing atlas (the list: 4x that), growing while nothing changes. */
  constructor(private source: DataSource, private hooks: WatchHooks, private debug: DebugState, interval = 3000) {
    this.infoPoll = new Poller(() => this.pollInfo(), { interval, maxInterval: 5 * interval, maxPolls: 1200 });
    this.listPoll = new Poller(() => this.pollList(), { interval: 4 * interval, maxInterval: 20 * interval, maxPolls: 500 });
  }

  /** The atlas now shown has `info`: poll it while something in it is changing. */
  follow(info: AtlasInfo): void {
    this.lastInfo = JSON.stringify(info);
    this.debug.progress = progressText(info);
    if (changing(info)) this.infoPoll.start();
    else this.infoPoll.stop();
  }

  /** Poll the list of atlases (it was `list` just now). */
  watchList(list: AtlasSummary[]): void {
    this.lastList = JSON.stringify(list);
    this.listPoll.start();
  }

  stop(): void {
    this.infoPoll.stop();
    this.listPoll.stop();
  }

  private async pollInfo() {
    const atlas = this.hooks.atlas();
    if (!atlas) return { changed: false, more: false };
    const info = await atlas.info();
    this.debug.polls++;
    if (atlas !== this.hooks.atlas()) return { changed: false, more: false };
    const text = JSON.stringify(info);
    const changed = text !== this.lastInfo;
    this.lastInfo = text;
    this.debug.progress = progressText(info);
    if (changed) this.hooks.info(info);
    return { changed, more: changing(info) };
  }

  private async pollList() {
    const list = await this.source.atlases();
    this.debug.polls++;
    const text = JSON.stringify(list);
    const changed = text !== this.lastList;
    this.lastList = text;
    if (changed) this.hooks.atlases(list);
    return { changed, more: true };
  }
}
