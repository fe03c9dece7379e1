// Colour ramps and palettes. Pure functions, no DOM.

export type RGB = [number, number, number];
export type RGBA = [number, number, number, number];
/** Evenly spaced colour stops; t in [0, 1] interpolates between them. */
export type Ramp = RGB[];

export const RAMPS: Record<string, Ramp> = {
  // matplotlib viridis, 9 stops
  viridis: [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141], [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37]],
  // queries: pale green -> deep teal (early positions light, late dark)
  queries: [[199, 233, 160], [120, 198, 121], [49, 163, 84], [0, 109, 44], [0, 68, 27]],
  // keys: pale pink -> deep purple
  keys: [[252, 197, 192], [247, 104, 161], [221, 52, 151], [174, 1, 126], [73, 0, 106]],
  grey: [[30, 30, 30], [235, 235, 235]],
  // attention heatmaps: dark -> yellow (inferno-like)
  heat: [[0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66], [245, 125, 21], [250, 193, 39], [252, 255, 164]],
};

/** matplotlib tab10 */
export const CATEGORICAL: RGB[] = [
  [31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189],
  [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207],
];

/** AttentionViz convention: queries green, keys pink. */
export const ROLE_COLORS: { query: RGB; key: RGB } = { query: [44, 170, 90], key: [230, 60, 150] };
export const MISSING: RGB = [128, 128, 128];

export function clamp01(t: number): number {
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Colour at t in [0, 1] along a ramp (clamped); NaN gives grey. */
export function rampColor(ramp: Ramp, t: number): RGB {
  if (!Number.isFinite(t)) return MISSING;
  const x = clamp01(t) * (ramp.length - 1);
  const i = Math.min(Math.floor(x), ramp.length - 2);
  const f = x - i;
  const a = ramp[i], b = ramp[i + 1];
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

/** A lookup table of n colours of a ramp (fast per-point colouring). */
export function rampTable(ramp: Ramp, n = 256): Uint8Array {
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) out.set(rampColor(ramp, i / (n - 1)), i * 3);
  return out;
}

export function categorical(i: number): RGB {
  const n = CATEGORICAL.length;
  return CATEGORICAL[((i % n) + n) % n];
}

/** HSV (all in [0, 1]) to RGB 0..255. */
export function hsvToRgb(h: number, s: number, v: number): RGB {
  if (!Number.isFinite(h)) return MISSING;
  h = ((h % 1) + 1) % 1;
  const i = Math.floor(h * 6), f = h * 6 - i;
  const p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
  const [r, g, b] = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][i % 6];
  return [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)];
}

export function hexToRgb(hex: string): RGB {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return MISSING;
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

export function rgbToCss(c: RGB | RGBA, alpha?: number): string {
  const a = alpha ?? (c.length === 4 ? c[3] / 255 : 1);
  return `rgba(${c[0]},${c[1]},${c[2]},${a})`;
}

/** Finite min and max of values (NaN ignored); [0, 1] when there are none. */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  return [lo, hi];
}

/** Map v in [lo, hi] to [0, 1] (0.5 when the range is empty). */
export function scale01(v: number, lo: number, hi: number): number {
  return hi > lo ? (v - lo) / (hi - lo) : 0.5;
}
