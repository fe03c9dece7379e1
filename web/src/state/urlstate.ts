// The app state that a URL carries, so a view can be shared: "#atlas=minilm&layout=pca-2d&view=head&layer=2&head=5".
// Pure functions: encodeState(state) -> hash, decodeState(hash) -> validated partial state;
// bindUrl(store) keeps the page's hash equal to the store's state.

export type ViewName = 'matrix' | 'head' | 'sequence' | 'image';
export type Role = 'query' | 'key';
export type Theme = 'dark' | 'light';

export interface AppState {
  atlas: string | null;
  layout: string | null;
  view: ViewName;
  layer: number;
  head: number;
  token: number | null;
  role: Role;
  color: string;
  size: boolean;
  thumbs: boolean;
  search: string;
  regex: boolean;
  theme: Theme;
  tint: string;
  sort: string;
  hide: boolean;
  weighted: boolean;
}

export const DEFAULT_STATE: AppState = {
  atlas: null,
  layout: null,
  view: 'matrix',
  layer: 0,
  head: 0,
  token: null,
  role: 'query',
  color: 'role',
  size: false,
  thumbs: false,
  search: '',
  regex: false,
  theme: 'dark',
  tint: 'none',
  sort: 'layer',
  hide: false,
  weighted: false,
};

const VIEWS: ViewName[] = ['matrix', 'head', 'sequence', 'image'];
const KEYS = Object.keys(DEFAULT_STATE) as (keyof AppState)[];

function encodeValue(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** The URL hash (with '#') for a state; values equal to the defaults are left out. */
export function encodeState(state: AppState): string {
  const parts: string[] = [];
  for (const k of KEYS) {
    const v = state[k];
    if (v === null || v === DEFAULT_STATE[k]) continue;
    if (k === 'token' && v === null) continue;
    parts.push(`${k}=${encodeURIComponent(encodeValue(v))}`);
  }
  return parts.length ? '#' + parts.join('&') : '';
}

function int(v: string): number | undefined {
  if (!/^-?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

function bool(v: string): boolean | undefined {
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  return undefined;
}

/** Parse a hash or query string ("#a=1&b=2", "?a=1", "a=1"); unknown keys and bad values are ignored. */
export function decodeState(hash: string): Partial<AppState> {
  const out: Partial<AppState> = {};
  const s = hash.replace(/^[#?]/, '');
  if (!s) return out;
  for (const part of s.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq) as keyof AppState;
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      continue;
    }
    switch (key) {
      case 'atlas': case 'layout': case 'color': case 'search': case 'tint': case 'sort':
        out[key] = value;
        break;
      case 'view':
        if ((VIEWS as string[]).includes(value)) out.view = value as ViewName;
        break;
      case 'role':
        if (value === 'query' || value === 'key') out.role = value;
        break;
      case 'theme':
        if (value === 'dark' || value === 'light') out.theme = value;
        break;
      case 'layer': case 'head': {
        const n = int(value);
        if (n !== undefined && n >= 0) out[key] = n;
        break;
      }
      case 'token': {
        const n = int(value);
        if (n !== undefined && n >= 0) out.token = n;
        break;
      }
      case 'size': case 'thumbs': case 'regex': case 'hide': case 'weighted': {
        const b = bool(value);
        if (b !== undefined) out[key] = b;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** State from a URL hash on top of the defaults. */
export function stateFromHash(hash: string): AppState {
  return { ...DEFAULT_STATE, ...decodeState(hash) };
}

/** What bindUrl needs of a store (state/store.ts's Store is one). */
export interface Observable<S> {
  get(): Readonly<S>;
  subscribe(fn: (state: Readonly<S>) => void, keys?: readonly (keyof S)[]): () => void;
}

/** Where the hash lives (the page's location, or a stand-in in tests). */
export interface HashTarget {
  readonly hash: string;
  /** replace the hash without a history entry and without a hashchange event ('' = none) */
  replace(hash: string): void;
}

export function pageHash(): HashTarget {
  return {
    get hash() {
      return location.hash;
    },
    replace(hash: string) {
      history.replaceState(null, '', hash || location.pathname + location.search);
    },
  };
}

/**
 * Keep `target`'s hash equal to the encoded state of `store` (once per burst of changes, in a
 * microtask). `onWrite` hears each hash. Returns the unbind function.
 */
export function bindUrl(store: Observable<AppState>, target: HashTarget = pageHash(), onWrite?: (hash: string) => void): () => void {
  let queued = false;
  const write = () => {
    queued = false;
    const hash = encodeState(store.get());
    if (hash !== target.hash && !(hash === '' && target.hash === '')) target.replace(hash);
    onWrite?.(hash);
  };
  return store.subscribe(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(write);
  }, KEYS);
}
