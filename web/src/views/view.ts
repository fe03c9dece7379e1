// The one small interface every view implements, and the narrow contexts views receive.
//
// A view is mounted while it is shown, hears store changes through update(), and is unmounted
// when it goes away. Views never import the app or each other: what they need comes in their
// context (the store, the current atlas's data source, the renderer or a DOM root, the actions).
import type { AtlasSource } from '../api/source';
import type { DebugState } from '../debug';
import type { Scene } from '../render/deck';
import type { Actions } from '../state/actions';
import type { AppModel, AppStore, Changed } from '../state/store';

export interface View {
  mount(): void;
  /** The store changed (`changed`: the keys whose values changed). */
  update(changed: Changed<AppModel>): void;
  unmount(): void;
}

export interface ViewContext {
  store: AppStore;
  /** the current atlas's data */
  source: AtlasSource;
  actions: Actions;
  /** what the page reports to tests and benchmarks (window.__qkatlas) */
  debug: DebugState;
}

/** Views drawn by the one deck.gl renderer (matrix, head). */
export interface SceneContext extends ViewContext {
  renderer: Scene;
}

/** Views drawn as DOM over the stage (sequence, image). */
export interface OverlayContext extends ViewContext {
  root: HTMLElement;
}

/** What the head view may read of the matrix view's data. */
export interface MatrixLookup {
  /** the matrix draws head `index` with a sample of its tokens (or not at all) */
  sampledAt(index: number): boolean;
  /** head `index`'s full-resolution quantised coordinates if the matrix holds them */
  fullCoords(index: number): { coords: Uint16Array; bounds: Float32Array; dim: number } | null;
  /** head `index`'s points in [0, 1]^2 as the matrix draws them (m queries then m keys) */
  cloud(index: number): { local: Float32Array; m: number } | null;
}

/** Did any of `keys` change? */
export function anyChanged(changed: Changed<AppModel>, ...keys: (keyof AppModel)[]): boolean {
  return keys.some((k) => changed.has(k));
}
