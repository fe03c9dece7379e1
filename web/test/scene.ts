// A fake scene (no GL) and a store loaded with the fake atlas: what the view tests share.
import type { SceneContext } from '../src/views/view';
import { createDebugState } from '../src/debug';
import { TokenTable, sequencesFrom } from '../src/data/tokens';
import type { OrbitState, Scene, ScenePart, ViewState2D } from '../src/render/deck';
import { makeGrid } from '../src/render/grid';
import type { Actions } from '../src/state/actions';
import { createStore, type AppStore } from '../src/state/store';
import { FakeAtlas, N_HEADS, N_LAYERS } from './fake-source';

export class FakeScene implements Scene {
  mode3d = false;
  transitioning = false;
  view2d: ViewState2D = { target: [0, 0, 0], zoom: 6 };
  parts: ScenePart[] = [];
  renders = 0;
  get scale() {
    return 2 ** this.view2d.zoom;
  }
  add(p: ScenePart) {
    this.parts.push(p);
  }
  remove(p: ScenePart) {
    this.parts = this.parts.filter((q) => q !== p);
  }
  render() {
    this.renders++;
  }
  renderSoon() {}
  drawOverlays() {}
  size(): [number, number] {
    return [800, 600];
  }
  rect() {
    return { left: 0, top: 0, width: 800, height: 600 } as DOMRect;
  }
  setViewState(vs: ViewState2D | OrbitState, _duration = 0, onEnd?: () => void) {
    if (!this.mode3d) this.view2d = vs as ViewState2D;
    onEnd?.();
  }
  enterOrbit() {
    this.mode3d = true;
  }
  leaveOrbit(vs: ViewState2D) {
    this.mode3d = false;
    this.view2d = vs;
  }
  screenOf(w: ArrayLike<number>): [number, number] {
    return [w[0] * 100, w[1] * 100];
  }
  sync() {}
}

export function actions(log: string[]): Actions {
  const note = (name: string) => (...args: unknown[]) => {
    log.push(`${name}(${args.join(',')})`);
    return Promise.resolve();
  };
  return {
    focusHead: note('focusHead'), step: note('step'), backToMatrix: note('backToMatrix'), selectToken: note('selectToken'),
    clearSelection: note('clearSelection'), openSequence: note('openSequence'), openImage: note('openImage'), closeOverlay: note('closeOverlay'),
    switchAtlas: note('switchAtlas'), switchLayout: note('switchLayout'), search: note('search'), setSort: note('setSort'),
    refreshPanel: () => log.push('refreshPanel'), status: (text: string, error?: boolean) => log.push(`status(${text},${error ?? false})`),
  };
}

export async function setup(layout = 'pca-2d'): Promise<{ store: AppStore; src: FakeAtlas; scene: FakeScene; ctx: SceneContext; log: string[] }> {
  const src = new FakeAtlas();
  const store = createStore();
  const info = await src.info();
  store.set({
    atlas: 'fake', layout, info, tokens: new TokenTable(await src.tokens()), seqs: sequencesFrom(await src.sequences()),
    grid: makeGrid(N_LAYERS, N_HEADS),
  });
  src.calls = [];
  const scene = new FakeScene(), log: string[] = [];
  const ctx: SceneContext = { store, source: src, actions: actions(log), debug: createDebugState('fake'), renderer: scene };
  return { store, src, scene, ctx, log };
}

