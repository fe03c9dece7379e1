// The one deck.gl Deck (ONE WebGL context) that draws every head, plus two 2-D canvases drawn in
// step with each frame: cells below the points, labels above. The matrix is an orthographic view;
// a 3-D layout of the focused head switches the same Deck to an orbit view.
//
// Views contribute ScenePart objects (their layers, canvas drawing and picking); the Renderer
// asks each part in order on every render() and knows nothing else about them.
import { Deck, LinearInterpolator, OrbitView, OrthographicView } from '@deck.gl/core';
import type { Layer, LayersList, PickingInfo } from '@deck.gl/core';
import type { Role } from '../api/source';
import { project, unproject, type OrthoViewState } from './grid';

/** Pixels around the pointer searched for a point. */
const PICK_RADIUS = 3;
/** A press that moved more than this many pixels is a drag, not a click. */
const CLICK_SLOP = 5;

/** A point of a head picked under the pointer. */
export interface Pick {
  /** head index, layer * nHeads + head */
  index: number;
  /** token row */
  row: number;
  role: Role;
}

export type ViewState2D = OrthoViewState & { minZoom?: number; maxZoom?: number };
export interface OrbitState {
  target: [number, number, number];
  zoom: number;
  rotationX: number;
  rotationOrbit: number;
  minZoom?: number;
  maxZoom?: number;
}
type AnyViewState = ViewState2D | OrbitState;

/** The screen as the overlays see it in one frame. */
export interface ScreenFrame {
  width: number;
  height: number;
  /** orthographic view state (meaningless in 3-D) */
  view: ViewState2D;
  mode3d: boolean;
  /** world -> canvas pixels */
  project(world: ArrayLike<number>): [number, number] | null;
}

export interface ScenePart {
  /** deck.gl layers, drawn in part order */
  layers(): LayersList;
  /** 2-D canvas below the points (cleared before each frame) */
  drawUnder?(g: CanvasRenderingContext2D, frame: ScreenFrame): void;
  /** 2-D canvas above the points */
  drawOver?(g: CanvasRenderingContext2D, frame: ScreenFrame): void;
  /** what a picking result of one of this part's layers points at */
  pick?(info: PickingInfo): Pick | null;
  /** after each frame */
  afterRender?(): void;
  /** after the camera moved (user or transition) */
  viewChanged?(): void;
}

export interface RendererEvents {
  hover(pick: Pick | null, info: PickingInfo): void;
  /** a click (not the end of a drag); `world`: the 2-D world position clicked (undefined in 3-D) */
  click(pick: Pick | null, world: [number, number] | undefined): void;
  viewChanged(): void;
  error(err: Error): void;
  frame(start: number, ms: number): void;
}

/** What views may do with the renderer (Renderer implements it; tests use a fake). */
export interface Scene {
  readonly mode3d: boolean;
  /** a camera transition is running */
  readonly transitioning: boolean;
  /** the orthographic camera (2-D) */
  readonly view2d: ViewState2D;
  /** pixels per world unit of the orthographic camera */
  readonly scale: number;
  add(part: ScenePart): void;
  remove(part: ScenePart): void;
  render(): void;
  renderSoon(delay?: number): void;
  drawOverlays(): void;
  /** the stage's size in CSS pixels */
  size(): [number, number];
  /** the stage's rectangle on the page */
  rect(): DOMRect;
  setViewState(vs: ViewState2D | OrbitState, duration?: number, onEnd?: () => void): void;
  enterOrbit(vs: OrbitState): void;
  leaveOrbit(vs: ViewState2D): void;
  screenOf(world: ArrayLike<number>): [number, number] | null;
  /** wait for the GPU to finish drawing */
  sync(): void;
}

type Views = (OrthographicView | OrbitView)[];

const orthoView = () => new OrthographicView({ id: 'ortho', controller: { doubleClickZoom: false, inertia: false } });
const orbitView = () => new OrbitView({ id: 'orbit', controller: { inertia: false }, orbitAxis: 'Y' });

export class Renderer implements Scene {
  readonly deck: Deck<Views>;
  /** current camera (orthographic unless mode3d) */
  vs: AnyViewState = { target: [0, 0, 0], zoom: 0 };
  mode3d = false;
  transitioning = false;
  private parts: ScenePart[] = [];
  private gl: WebGL2RenderingContext | null = null;
  private frameStart = 0;
  private renderTimer = 0;
  private shown: Layer[] = [];

  constructor(private stage: HTMLElement, readonly canvas: HTMLCanvasElement, private under: HTMLCanvasElement,
    private over: HTMLCanvasElement, private events: RendererEvents) {
    this.deck = new Deck<Views>({
      canvas,
      width: '100%',
      height: '100%',
      views: [orthoView()],
      initialViewState: { ortho: this.vs },
      layers: [],
      pickingRadius: PICK_RADIUS,
      deviceProps: { type: 'webgl', webgl: { preserveDrawingBuffer: true, antialias: false } },
      onViewStateChange: ({ viewState }) => {
        this.vs = viewState as AnyViewState;
        for (const p of this.parts) p.viewChanged?.();
        this.events.viewChanged();
      },
      onHover: (info) => this.events.hover(this.pick(info), info),
      onBeforeRender: ({ gl }) => {
        this.gl = gl;
        this.frameStart = performance.now();
      },
      onAfterRender: () => this.afterRender(),
      onError: (err) => this.events.error(err),
      getCursor: ({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'default'),
    });
    // Clicks are the browser's own (not deck.gl's tap gesture, which drops a click whose press
    // outlasts 250 ms, as happens while software GL draws a frame), picked at the click.
    let down: [number, number] | null = null;
    canvas.addEventListener('pointerdown', (e) => (down = [e.clientX, e.clientY]));
    canvas.addEventListener('click', (e) => {
      const moved = !down || Math.hypot(e.clientX - down[0], e.clientY - down[1]) > CLICK_SLOP;
      down = null;
      if (!moved) this.clickAt(e.clientX, e.clientY);
    });
  }

  private clickAt(clientX: number, clientY: number): void {
    const r = this.canvas.getBoundingClientRect();
    const x = clientX - r.left, y = clientY - r.top;
    let info: PickingInfo | null = null;
    try {
      info = this.deck.isInitialized ? this.deck.pickObject({ x, y, radius: PICK_RADIUS }) : null;
    } catch (e) {
      this.events.error(e as Error);
    }
    const [w, h] = this.size();
    this.events.click(info ? this.pick(info) : null, this.mode3d ? undefined : unproject(this.view2d, w, h, x, y));
  }

  /** Add a part to the scene (drawn after the parts added before it). */
  add(part: ScenePart): void {
    if (!this.parts.includes(part)) this.parts.push(part);
  }

  remove(part: ScenePart): void {
    this.parts = this.parts.filter((p) => p !== part);
  }

  /**
   * Rebuild the layer list from the parts and redraw the overlays. The Deck gets the new list
   * only when some layer differs from the one drawn (a new list redraws every point).
   */
  render(): void {
    if (this.renderTimer) {
      clearTimeout(this.renderTimer);
      this.renderTimer = 0;
    }
    const layers = flatLayers(this.parts.flatMap((p) => p.layers()));
    if (!sameLayers(this.shown, layers)) {
      this.shown = layers;
      this.deck.setProps({ layers });
    }
    this.drawOverlays();
  }

  /** Coalesce renders while data streams in (each frame redraws every point). */
  renderSoon(delay = 250): void {
    if (this.renderTimer) return;
    this.renderTimer = window.setTimeout(() => {
      this.renderTimer = 0;
      this.render();
    }, delay);
  }

  size(): [number, number] {
    const r = this.stage.getBoundingClientRect();
    return [Math.max(1, r.width), Math.max(1, r.height)];
  }

  /** The orthographic camera (2-D). */
  get view2d(): ViewState2D {
    return this.vs as ViewState2D;
  }

  /** Pixels per world unit of the orthographic camera. */
  get scale(): number {
    return 2 ** (this.view2d.zoom ?? 0);
  }

  /** Move the camera, in `duration` ms (0: at once); `onEnd` runs when it has arrived. */
  setViewState(vs: AnyViewState, duration = 0, onEnd?: () => void): void {
    const full: AnyViewState & Record<string, unknown> = { ...vs };
    if (duration > 0) {
      full.transitionDuration = duration;
      full.transitionInterpolator = new LinearInterpolator(this.mode3d ? ['target', 'zoom', 'rotationX', 'rotationOrbit'] : ['target', 'zoom']);
      this.transitioning = true;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.transitioning = false;
        onEnd?.();
      };
      full.onTransitionEnd = finish;
      full.onTransitionInterrupt = finish;
      window.setTimeout(finish, duration + 400);
    }
    this.vs = { ...vs };
    this.deck.setProps({ initialViewState: { [this.mode3d ? 'orbit' : 'ortho']: full } });
    if (duration <= 0) onEnd?.();
  }

  /** Switch to the orbit view (3-D layouts). */
  enterOrbit(vs: OrbitState): void {
    this.mode3d = true;
    this.deck.setProps({ views: [orbitView()] });
    this.setViewState(vs);
  }

  /** Back to the orthographic view at `vs`. */
  leaveOrbit(vs: ViewState2D): void {
    this.mode3d = false;
    this.deck.setProps({ views: [orthoView()] });
    this.setViewState(vs);
  }

  /** Canvas pixels of a world position. */
  screenOf(world: ArrayLike<number>): [number, number] | null {
    if (this.mode3d) {
      const vp = this.deck.isInitialized ? this.deck.getViewports()[0] : undefined;
      if (!vp) return null;
      const p = vp.project(Array.from(world));
      return [p[0], p[1]];
    }
    const [w, h] = this.size();
    return project(this.view2d, w, h, world[0], world[1]);
  }

  rect(): DOMRect {
    return this.canvas.getBoundingClientRect();
  }

  /** Page pixels of a world position. */
  pageOf(world: ArrayLike<number>): [number, number] | null {
    const p = this.screenOf(world);
    if (!p) return null;
    const r = this.canvas.getBoundingClientRect();
    return [r.left + p[0], r.top + p[1]];
  }

  /** Wait for the GPU: read one pixel back (software GL and real GPUs alike). */
  sync(): void {
    const gl = this.gl;
    if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  }

  /** ms to draw one frame, GPU included. */
  frameTime(): number {
    const t = performance.now();
    this.deck.redraw('benchmark');
    this.sync();
    return performance.now() - t;
  }

  private pick(info: PickingInfo): Pick | null {
    if (!info || !info.picked || info.index < 0 || !info.layer) return null;
    for (const p of this.parts) {
      const hit = p.pick?.(info);
      if (hit) return hit;
    }
    return null;
  }

  private afterRender(): void {
    this.events.frame(this.frameStart, performance.now() - this.frameStart);
    this.drawOverlays();
    for (const p of this.parts) p.afterRender?.();
  }

  private frame(): ScreenFrame {
    const [width, height] = this.size();
    return { width, height, view: this.view2d, mode3d: this.mode3d, project: (w) => this.screenOf(w) };
  }

  /** Redraw the 2-D canvases below and above the points. */
  drawOverlays(): void {
    const under = sizeCanvas(this.under, ...this.size()), over = sizeCanvas(this.over, ...this.size());
    const f = this.frame();
    for (const p of this.parts) p.drawUnder?.(under, f);
    for (const p of this.parts) p.drawOver?.(over, f);
  }
}

function flatLayers(list: LayersList): Layer[] {
  const out: Layer[] = [];
  for (const l of list) {
    if (Array.isArray(l)) out.push(...flatLayers(l));
    else if (l) out.push(l as Layer);
  }
  return out;
}

/** Equal values as deck.gl compares props: identity, or equal items/fields two levels down. */
function similar(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth <= 0 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>, rb = b as Record<string, unknown>;
  return ka.every((k) => k in rb && similar(ra[k], rb[k], depth - 1));
}

/** Would deck.gl see no change between these layer lists? (data by identity; accessor functions ignored) */
export function sameLayers(a: Layer[], b: Layer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    if (x.id !== y.id || x.constructor !== y.constructor) return false;
    const px = x.props as unknown as Record<string, unknown>, py = y.props as unknown as Record<string, unknown>;
    if (px.data !== py.data) return false;
    for (const k in py) {
      const u = px[k], v = py[k];
      if (u === v || (typeof u === 'function' && typeof v === 'function')) continue;
      if (!similar(u, v, 2)) return false;
    }
  }
  return true;
}

/** A 2-D context of `c` sized to width x height CSS pixels at the device pixel ratio, cleared. */
function sizeCanvas(c: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D {
  const dpr = window.devicePixelRatio || 1;
  if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
  }
  const g = c.getContext('2d')!;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  return g;
}
