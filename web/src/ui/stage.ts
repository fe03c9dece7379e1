// The page layout below the top bar: the stage (the WebGL canvas between two 2-D canvases, the
// progress bar, head navigation, status line, tooltip and the overlay of the sequence and image
// views) and the side panel.
import type { Actions } from '../state/actions';
import { button, el } from './dom';

export interface Stage {
  main: HTMLElement;
  stage: HTMLElement;
  /** the one WebGL canvas */
  canvas: HTMLCanvasElement;
  /** 2-D canvas below the points (cells) */
  under: HTMLCanvasElement;
  /** 2-D canvas above the points (labels) */
  over: HTMLCanvasElement;
  tooltip: HTMLElement;
  status: HTMLElement;
  progress: HTMLElement;
  nav: HTMLElement;
  navTitle: HTMLElement;
  overlay: HTMLElement;
  side: HTMLElement;
}

export function buildStage(actions: Actions): Stage {
  const canvas = el('canvas', { id: 'deck' });
  const under = el('canvas', { id: 'cells-canvas', class: 'overlay-canvas' });
  const over = el('canvas', { id: 'labels-canvas', class: 'overlay-canvas' });
  const tooltip = el('div', { id: 'tooltip' });
  const status = el('div', { id: 'status' }, 'loading\u2026');
  const progress = el('div', { id: 'progress', style: 'width:0' });
  const navTitle = el('span', { class: 'title' });
  const nav = el('div', { id: 'nav' },
    button('\u2190 matrix', 'back to the matrix (Esc)', () => actions.backToMatrix(), 'back'),
    button('\u25c0', 'previous head (\u2190)', () => actions.step(0, -1), 'prev-head'),
    button('\u25b6', 'next head (\u2192)', () => actions.step(0, 1), 'next-head'),
    button('\u25b2', 'previous layer (\u2191)', () => actions.step(-1, 0), 'prev-layer'),
    button('\u25bc', 'next layer (\u2193)', () => actions.step(1, 0), 'next-layer'),
    navTitle,
  );
  const overlay = el('section', { id: 'overlay' });
  const stage = el('div', { id: 'stage' }, under, canvas, over, progress, nav, status, tooltip, overlay);
  const side = el('aside', { id: 'side' });
  const main = el('main', {}, stage, side);
  return { main, stage, canvas, under, over, tooltip, status, progress, nav, navTitle, overlay, side };
}

/** Show `text` in the status line ('' hides it). */
export function setStatus(status: HTMLElement, text: string, error = false): void {
  status.textContent = text;
  status.className = error ? 'error' : '';
  status.style.display = text ? 'block' : 'none';
}
