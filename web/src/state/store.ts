// The app state in one place, with subscribe/notify.
//
// AppModel = what a URL carries (AppState, state/urlstate.ts) + what was loaded for the current
// atlas (Session). Components read it with get(), change it with set(patch) and hear about
// changes with subscribe(fn, keys): `fn(state, changed)` runs synchronously after each set (or
// once after a batch) with the set of keys whose values changed (Object.is).
import type { AtlasInfo, AtlasSummary, Role, SearchHits } from '../api/source';
import type { Heads } from '../data/heads';
import type { Sequences, TokenTable } from '../data/tokens';
import type { MatrixGrid } from '../render/grid';
import { DEFAULT_STATE, type AppState } from './urlstate';

export type Changed<T> = ReadonlySet<keyof T>;
export type Listener<T> = (state: Readonly<T>, changed: Changed<T>) => void;

export class Store<T extends object> {
  private state: T;
  private listeners: { fn: Listener<T>; keys: ReadonlySet<keyof T> | null }[] = [];
  private pending = new Set<keyof T>();
  private depth = 0;
  private flushing = false;

  constructor(initial: T) {
    this.state = { ...initial };
  }

  get(): Readonly<T> {
    return this.state;
  }

  /** Change some fields; listeners hear of the ones that really changed. */
  set(patch: Partial<T>): void {
    let next: T | null = null;
    for (const k of Object.keys(patch) as (keyof T)[]) {
      const v = patch[k] as T[keyof T];
      if (Object.is(this.state[k], v)) continue;
      next ??= { ...this.state };
      next[k] = v;
      this.pending.add(k);
    }
    if (next) this.state = next;
    if (this.depth === 0) this.flush();
  }

  /** Run `fn` and notify once afterwards. */
  batch(fn: () => void): void {
    this.depth++;
    try {
      fn();
    } finally {
      this.depth--;
      if (this.depth === 0) this.flush();
    }
  }

  /** Call `fn` after changes (of any of `keys`, when given); returns the unsubscribe function. */
  subscribe(fn: Listener<T>, keys?: readonly (keyof T)[]): () => void {
    const entry = { fn, keys: keys ? new Set(keys) : null };
    this.listeners.push(entry);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== entry);
    };
  }

  /** Notify listeners; a set() made by a listener is notified after this round, not inside it. */
  private flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.size) {
        const changed: Changed<T> = new Set(this.pending);
        this.pending.clear();
        for (const l of [...this.listeners]) {
          if (l.keys && ![...changed].some((k) => l.keys!.has(k))) continue;
          try {
            l.fn(this.state, changed);
          } catch (e) {
            // one failing listener must not starve the others: report it as an uncaught error
            queueMicrotask(() => {
              throw e;
            });
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

/** What was loaded for the current atlas (not in the URL). */
export interface Session {
  atlases: AtlasSummary[];
  info: AtlasInfo | null;
  tokens: TokenTable | null;
  seqs: Sequences | null;
  /** head metrics; null while loading or when unavailable (headsError says why) */
  heads: Heads | null;
  headsError: string;
  /** where each head sits in the matrix (follows `sort`) */
  grid: MatrixGrid | null;
  /** search results of `search`/`regex`; null when there is no search */
  found: SearchHits | null;
  /** one per token row: 1 where the token matches (null when nothing matches) */
  foundMask: Uint8Array | null;
  searchError: string;
}

export type AppModel = AppState & Session;
export type AppStore = Store<AppModel>;

export const EMPTY_SESSION: Session = {
  atlases: [],
  info: null,
  tokens: null,
  seqs: null,
  heads: null,
  headsError: '',
  grid: null,
  found: null,
  foundMask: null,
  searchError: '',
};

export function createStore(state: AppState = DEFAULT_STATE): AppStore {
  return new Store<AppModel>({ ...state, ...EMPTY_SESSION });
}

// ---- selectors ------------------------------------------------------------------------------

/** Head index (layer * nHeads + head) of the focused head, clamped to the atlas. */
export function focusIndex(s: Readonly<AppModel>): number {
  const info = s.info;
  if (!info) return 0;
  return Math.min(s.layer, info.n_layers - 1) * info.n_heads + Math.min(s.head, info.n_heads - 1);
}

export function headOf(index: number, nHeads: number): [number, number] {
  return [Math.floor(index / nHeads), index % nHeads];
}

/** The selected token and its sequence. */
export interface Selection {
  row: number;
  role: Role;
  seq: number;
  /** first row of the sequence */
  start: number;
  /** tokens in the sequence */
  n: number;
}

/** The selection that `token`/`role` name, once the token table is loaded. */
export function selectionOf(s: Readonly<AppModel>): Selection | null {
  const { token, tokens, seqs, info } = s;
  if (token === null || !tokens || !seqs || !info || token < 0 || token >= info.n_tokens) return null;
  const seq = tokens.seq(token);
  return { row: token, role: s.role, seq, start: seqs.start[seq], n: seqs.n_tokens[seq] };
}

/** The keys of AppModel that a URL carries. */
export const URL_KEYS = Object.keys(DEFAULT_STATE) as (keyof AppState)[];

/** The URL part of the state. */
export function urlState(s: Readonly<AppModel>): AppState {
  const out = {} as Record<keyof AppState, unknown>;
  for (const k of URL_KEYS) out[k] = s[k];
  return out as AppState;
}
