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

/** The matrix's level of detail and the memory it holds (views/matrix.ts). */
export interface LodDebug {
  /** points per role per head of the base level (every layer) */
  perRole: number;
  /** the level wanted for the visible layers now (> perRole when zoomed in) */
  want: number;
  /** points per role one layer request may carry (server limit), null when unlimited */
  limitPerRole: number | null;
  /** layers held in more detail, and their points per role */
  detail: { layer: number; m: number }[];
  baseBytes: number;
  detailBytes: number;
  detailBudget: number;
}

/** An axis label of the matrix as drawn (canvas pixels; x, y: its anchor, w x h: its size). */
export interface AxisLabelDebug {
  axis: 'layer' | 'head';
  index: number;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
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
  lod: LodDebug | null;
  /** axis labels of the matrix drawn in the last frame */
  axes: AxisLabelDebug[];
  /** heads of the current layout drawn in the matrix (fewer while a layout is being computed) */
  layoutHeads: number;
  /** layouts still being computed, as the last poll of the atlas saw them ("tsne-2d 34/72") */
  progress: string[];
  /** polls of the atlas info and list made */
  polls: number;
  /** what the head panel shows of GET /head: terms beyond q.k, why analysis is missing */
  headInfo: { layer: number; head: number; beyondQk: string[]; analysisError: string | null } | null;
}

/** Live values and functions the app provides. */
export interface DebugApi {
  view(): ViewName;
  state(): AppState;
  transitioning(): boolean;
  mode3d(): boolean;
  cells(): CellRect[];
  /** the JS heap in use (Chromium's performance.memory), null elsewhere */
  heap(): number | null;
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
  readonly heap: number | null;
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
    labels: 0, hover: null, frames: [], hash: '', lod: null, axes: [], layoutHeads: 0, progress: [], polls: 0, headInfo: null,
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
    heap: () => api.heap(),
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

/** The JS heap in use: Chromium's performance.memory.usedJSHeapSize, null where there is none. */
export function jsHeap(): number | null {
  const mem = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return mem ? mem.usedJSHeapSize : null;
}
