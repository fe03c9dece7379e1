// Colours of the dark and light themes for what is drawn (the CSS variables in style.css style
// the DOM; these are the same colours for canvases and deck.gl layers).
import type { Theme } from '../state/urlstate';
import type { RGB } from './colors';

export type RGBA = [number, number, number, number];

export interface ThemeColors {
  cell: RGBA;
  cellLine: RGBA;
  text: RGBA;
  muted: RGBA;
  labelBg: RGBA;
  accent: RGBA;
  ring: RGBA;
  /** CSS colours of text on 2-D canvases */
  textCss: string;
  mutedCss: string;
  /** background of canvases drawn in panels (head map) */
  panelCss: string;
  /** empty heatmap cells */
  heatBgCss: string;
  /** outlines drawn over heatmaps and maps */
  strokeCss: string;
}

const DARK: ThemeColors = {
  cell: [27, 31, 38, 255], cellLine: [44, 50, 60, 255], text: [227, 230, 234, 255], muted: [140, 150, 163, 255],
  labelBg: [16, 19, 23, 215], accent: [79, 179, 255, 255], ring: [255, 255, 255, 255],
  textCss: '#e3e6ea', mutedCss: '#8c96a3', panelCss: '#12161b', heatBgCss: '#22272e', strokeCss: '#fff',
};

const LIGHT: ThemeColors = {
  cell: [255, 255, 255, 255], cellLine: [214, 214, 208, 255], text: [30, 32, 36, 255], muted: [110, 116, 124, 255],
  labelBg: [255, 255, 255, 215], accent: [10, 111, 194, 255], ring: [20, 20, 20, 255],
  textCss: '#1d2024', mutedCss: '#666d76', panelCss: '#fafaf8', heatBgCss: '#e4e4e0', strokeCss: '#000',
};

export function themeColors(theme: Theme): ThemeColors {
  return theme === 'light' ? LIGHT : DARK;
}

/** rgba() of an RGB or RGBA colour (alpha 0..255). */
export function cssColor(c: RGB | RGBA | number[]): string {
  return `rgba(${c[0]},${c[1]},${c[2]},${(c[3] ?? 255) / 255})`;
}

/** a + (b - a) * t, opaque. */
export function blend(a: RGBA, b: RGB, t: number): RGBA {
  return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t), 255];
}
