// window.__qkatlas: what the browser tests and benchmarks (tests/browser, benchmarks/explorer.py)
// read to know what the page did, and a few functions they call. Views write their part of
// DebugState; installDebug() adds the live getters and functions and publishes the object.
import type { Role } from './api/source';
import type { AppState, ViewName } from './state/urlstate';

export interface SearchDebug {
  q: string;
  regex: boolean;
  tokens?: number;
  sequences?: number;
  text?: string;
  error?: string;
}

export interface SelectedDebug {
  token: number;
  role: Role;
  seq: number;
  text: string;
}

export interface SequenceDebug {
  seq: number;
  n: number;
  layer: number;
  head: number;
  /** attention lines drawn in the bipartite graph */
  lines: number;
  hidden: number;
  /** "ok" or "unavailable: why" */
  aggregate: string;
  heatmap: number;
}

export interface ImageDebug {
  seq: number;
  query: [number, number] | 'CLS';
  target: [number, number] | null;
  weight: number;
  cls: number;
  grid: [number, number];
  /** image and weights both drawn */
  drawn: boolean;
}

export interface BytesDebug {
  layout: number;
  points: number;
  perPoint: number;
  sample: number | null;
}

export interface HoverDebug {
  token: number;
  role: Role;
  layer: number;
  head: number;
  text: string | null;
}

export interface CellRect {
  layer: number;
  head: number;
  row: number;
  col: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the page reports; plain data that views and the app write. */
export interface DebugState {
  version: 1;
  /** data source kind ('http', 'static', ...) */
  source: string;
  /** every head of the matrix has been drawn (see renderedAt) */
  ready: boolean;
  /** performance.now() when the whole matrix was first drawn, null while loading */
  renderedAt: number | null;
  renderCount: number;
  search: SearchDebug | null;
  /** attention lines drawn from the selected token */
  lines: number;
  lineTargets: { row: number; weight: number }[];
  selected: SelectedDebug | null;
  errors: string[];
  timings: Record<string, number>;
  sequence: SequenceDebug | null;
  image: ImageDebug | null;
  headmap: { points: { x: number; y: number; layer: number; head: number }[] } | null;
  /** similar heads shown */
  similar: number | null;
  bytes: BytesDebug | null;
  /** token labels drawn */
  labels: number;
  hover: HoverDebug | null;
  /** [start, duration] ms of the last 50 frames */
  frames: [number, number][];
  /** the URL hash last written */
  hash: string;
}

/** Live values and functions the app provides. */
export interface DebugApi {
  view(): ViewName;
  state(): AppState;
  transitioning(): boolean;
  mode3d(): boolean;
  cells(): CellRect[];
  pointScreen(layer: number, head: number, row: number, role: Role): [number, number] | null;
  focusHead(layer: number, head: number): Promise<void>;
  /** ms to draw one frame and read a pixel back (GPU finished) */
  frameTime(): number;
  select(row: number, role?: Role): Promise<void>;
}

export type DebugHooks = DebugState & {
  readonly view: ViewName;
  readonly state: AppState;
  readonly transitioning: boolean;
  readonly mode3d: boolean;
  readonly cells: CellRect[];
  pointScreen: DebugApi['pointScreen'];
  focusHead: DebugApi['focusHead'];
  frameTime: DebugApi['frameTime'];
  select: DebugApi['select'];
};

declare global {
  interface Window {
    __qkatlas?: DebugHooks;
  }
}

export function createDebugState(source = ''): DebugState {
  return {
    version: 1, source, ready: false, renderedAt: null, renderCount: 0, search: null, lines: 0, lineTargets: [],
    selected: null, errors: [], timings: {}, sequence: null, image: null, headmap: null, similar: null, bytes: null,
    labels: 0, hover: null, frames: [], hash: '',
  };
}

/** Add the live getters and functions of `api` to `state` and publish it as window.__qkatlas. */
export function installDebug(state: DebugState, api: DebugApi, target: Window = window): DebugHooks {
  const getters: Record<string, () => unknown> = {
    view: () => api.view(),
    state: () => api.state(),
    transitioning: () => api.transitioning(),
    mode3d: () => api.mode3d(),
    cells: () => api.cells(),
  };
  for (const [k, get] of Object.entries(getters)) Object.defineProperty(state, k, { get, enumerable: true });
  const hooks = Object.assign(state, {
    pointScreen: api.pointScreen,
    focusHead: api.focusHead,
    frameTime: api.frameTime,
    select: api.select,
  }) as DebugHooks;
  target.__qkatlas = hooks;
  return hooks;
}
