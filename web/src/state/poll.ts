// A bounded poll: run `fn` every `interval` ms while it says there is more to wait for; the
// interval grows (x1.5, up to `maxInterval`) while nothing changes and falls back when something
// does; at most `maxPolls` polls, then it stops (a page left open does not poll forever).

export interface PollResult {
  /** something changed (poll sooner again) */
  changed: boolean;
  /** keep polling */
  more: boolean;
}

export interface PollOptions {
  interval: number;
  maxInterval: number;
  maxPolls: number;
  /** timers (tests pass fakes) */
  setTimer?: (fn: () => void, ms: number) => number;
  clearTimer?: (id: number) => void;
}

export class Poller {
  private timer = 0;
  private wait: number;
  private running = false;
  private gen = 0;
  /** polls made since the last start() */
  count = 0;

  constructor(private fn: () => Promise<PollResult>, private opts: PollOptions) {
    this.wait = opts.interval;
  }

  get active(): boolean {
    return this.running;
  }

  /** (Re)start polling: the first poll after one interval. */
  start(): void {
    this.stop();
    this.running = true;
    this.count = 0;
    this.wait = this.opts.interval;
    this.schedule(++this.gen);
  }

  stop(): void {
    this.running = false;
    this.gen++;
    if (this.timer) (this.opts.clearTimer ?? clearTimeout)(this.timer);
    this.timer = 0;
  }

  private schedule(gen: number): void {
    if (!this.running || gen !== this.gen) return;
    if (this.count >= this.opts.maxPolls) {
      this.running = false;
      return;
    }
    this.timer = (this.opts.setTimer ?? ((f, ms) => setTimeout(f, ms) as unknown as number))(() => void this.tick(gen), this.wait);
  }

  private async tick(gen: number): Promise<void> {
    this.timer = 0;
    if (gen !== this.gen) return;
    this.count++;
    let r: PollResult;
    try {
      r = await this.fn();
    } catch {
      r = { changed: false, more: true }; // a failed poll (server restarting): try again later
    }
    if (gen !== this.gen) return;
    if (!r.more) {
      this.running = false;
      return;
    }
    this.wait = r.changed ? this.opts.interval : Math.min(this.opts.maxInterval, this.wait * 1.5);
    this.schedule(gen);
  }
}
