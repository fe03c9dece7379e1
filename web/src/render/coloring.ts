// Per-point colours for each colour mode. Token-based modes give the same colour in every head,
// so they are computed once per token (queries then keys) and copied into each head's slot.
import {
  CATEGORICAL, RAMPS, ROLE_COLORS, MISSING, categorical, extent, hsvToRgb, rampTable, scale01, type RGB,
} from './colors';
import type { TokenTable } from '../data/tokens';

export interface ColorMode {
  id: string;
  label: string;
}

export const POINT_ALPHA = 210;

export function colorModes(tokens: TokenTable, image: boolean, metadata: string[]): ColorMode[] {
  const modes: ColorMode[] = [
    { id: 'role', label: 'query vs key' },
    { id: 'position', label: 'position (normalised)' },
    { id: 'mod5', label: 'position mod 5' },
  ];
  if (!image) modes.push({ id: 'punct', label: 'punctuation / special' });
  modes.push({ id: 'norm', label: 'vector norm' });
  if (!image) modes.push({ id: 'token_len', label: 'token length' });
  modes.push({ id: 'seq_len', label: 'sequence length' }, { id: 'seq', label: image ? 'image' : 'sequence' });
  if (image || tokens.has('patch_row')) {
    modes.push(
      { id: 'patch_row', label: 'patch row' }, { id: 'patch_col', label: 'patch column' },
      { id: 'hue', label: 'patch hue' }, { id: 'brightness', label: 'patch brightness' },
    );
  }
  for (const c of metadata) modes.push({ id: `meta:${c}`, label: `metadata: ${c}` });
  return modes;
}

const TABLES: Record<string, Uint8Array> = {};
function table(name: string): Uint8Array {
  return (TABLES[name] ??= rampTable(RAMPS[name], 256));
}

function put(out: Uint8Array, i: number, c: ArrayLike<number>, alpha = POINT_ALPHA): void {
  out[i * 4] = c[0]; out[i * 4 + 1] = c[1]; out[i * 4 + 2] = c[2]; out[i * 4 + 3] = alpha;
}

function putTable(out: Uint8Array, i: number, tab: Uint8Array, t: number, alpha = POINT_ALPHA): void {
  if (!Number.isFinite(t)) return put(out, i, MISSING, alpha);
  const k = Math.max(0, Math.min(255, Math.round(t * 255))) * 3;
  out[i * 4] = tab[k]; out[i * 4 + 1] = tab[k + 1]; out[i * 4 + 2] = tab[k + 2]; out[i * 4 + 3] = alpha;
}

function lighten(c: RGB, f: number): RGB {
  return [c[0] + (255 - c[0]) * f, c[1] + (255 - c[1]) * f, c[2] + (255 - c[2]) * f].map(Math.round) as RGB;
}

/** Column values scaled to [0, 1] over the whole table (robust to outliers for lengths). */
function scaledColumn(tokens: TokenTable, name: string, clipTo?: number): (row: number) => number {
  const col = tokens.columns[name];
  if (!col) return () => NaN;
  let [lo, hi] = extent(col);
  if (clipTo !== undefined) hi = Math.min(hi, clipTo);
  return (row) => {
    const v = col[row];
    return Number.isFinite(v) ? Math.min(1, scale01(v, lo, hi)) : NaN;
  };
}

/**
 * RGBA colours (2m points: m queries then m keys) of the tokens `rows` (null = all n tokens)
 * in a token-based mode. Returns null for per-head modes (norm).
 */
export function tokenColors(mode: string, tokens: TokenTable, rows: Uint32Array | null): Uint8Array | null {
  if (mode === 'norm') return null;
  const m = rows ? rows.length : tokens.n;
  const out = new Uint8Array(2 * m * 4);
  const row = (i: number) => (rows ? rows[i] : i);
  const each = (fn: (r: number, key: boolean, i: number) => void) => {
    for (let i = 0; i < m; i++) {
      const r = row(i);
      fn(r, false, i);
      fn(r, true, m + i);
    }
  };
  switch (mode) {
    case 'position': {
      const qt = table('queries'), kt = table('keys');
      const pn = tokens.columns.pos_norm;
      each((r, key, i) => putTable(out, i, key ? kt : qt, pn ? pn[r] : NaN));
      break;
    }
    case 'mod5': {
      const pos = tokens.columns.pos;
      each((r, key, i) => put(out, i, key ? lighten(categorical(pos[r] % 5), 0.35) : categorical(pos[r] % 5)));
      break;
    }
    case 'punct': {
      const q = lighten(ROLE_COLORS.query, 0.1), k = lighten(ROLE_COLORS.key, 0.1);
      each((r, key, i) => {
        if (tokens.isSpecial(r)) put(out, i, [255, 196, 0], 240);
        else if (tokens.isPunct(r)) put(out, i, [60, 150, 255], 240);
        else put(out, i, key ? k : q, 70);
      });
      break;
    }
    case 'token_len': {
      const f = scaledColumn(tokens, 'token_len', 12), t = table('viridis');
      each((r, _k, i) => putTable(out, i, t, f(r)));
      break;
    }
    case 'seq_len': {
      const f = scaledColumn(tokens, 'seq_len'), t = table('viridis');
      each((r, _k, i) => putTable(out, i, t, f(r)));
      break;
    }
    case 'seq': {
      const s = tokens.columns.seq;
      each((r, key, i) => put(out, i, key ? lighten(categorical(s[r]), 0.3) : categorical(s[r])));
      break;
    }
    case 'patch_row': case 'patch_col': {
      const col = tokens.columns[mode], t = table('viridis');
      const [, hi] = col ? extent(col) : [0, 1];
      each((r, _k, i) => {
        const v = col ? col[r] : -1;
        if (v < 0) put(out, i, [255, 255, 255], 255);
        else putTable(out, i, t, hi > 0 ? v / hi : 0);
      });
      break;
    }
    case 'hue': {
      const h = tokens.columns.hue;
      each((r, _k, i) => put(out, i, h && Number.isFinite(h[r]) ? hsvToRgb(h[r], 0.85, 0.95) : MISSING));
      break;
    }
    case 'brightness': {
      const b = tokens.columns.brightness, t = table('grey');
      each((r, _k, i) => putTable(out, i, t, b ? b[r] : NaN));
      break;
    }
    default: {
      if (mode.startsWith('meta:')) {
        const f = scaledColumn(tokens, mode.slice(5)), t = table('viridis');
        each((r, _k, i) => putTable(out, i, t, f(r)));
      } else {
        each((_r, key, i) => put(out, i, key ? ROLE_COLORS.key : ROLE_COLORS.query));
      }
    }
  }
  return out;
}

/** Norm colours of one head: `norms` uint8 (2m, scaled to the head's max) into out at point `offset`. */
export function normColors(norms: Uint8Array, out: Uint8Array, offset: number): void {
  const q = table('queries'), k = table('keys');
  const m = norms.length / 2;
  for (let i = 0; i < norms.length; i++) {
    const tab = i < m ? q : k;
    const j = norms[i] * 3, o = (offset + i) * 4;
    out[o] = tab[j]; out[o + 1] = tab[j + 1]; out[o + 2] = tab[j + 2]; out[o + 3] = POINT_ALPHA;
  }
}

/** Fade the points of tokens that do not match the search (alpha), restore those that do. */
export function dimUnmatched(colors: Uint8Array, nHeads: number, P: number, mask: Uint8Array | null, rows: Uint32Array | null): void {
  if (!mask) return;
  const m = P / 2;
  for (let h = 0; h < nHeads; h++) {
    for (let i = 0; i < P; i++) {
      const r = rows ? rows[i % m] : i % m;
      colors[(h * P + i) * 4 + 3] = mask[r] ? 255 : 22;
    }
  }
}

export interface Legend {
  items?: { label: string; color: RGB }[];
  ramps?: { label: string; ramp: string; lo: string; hi: string }[];
}

export function legendFor(mode: string, tokens: TokenTable): Legend {
  switch (mode) {
    case 'role': return { items: [{ label: 'query', color: ROLE_COLORS.query }, { label: 'key', color: ROLE_COLORS.key }] };
    case 'position': return { ramps: [{ label: 'queries', ramp: 'queries', lo: 'first', hi: 'last' }, { label: 'keys', ramp: 'keys', lo: 'first', hi: 'last' }] };
    case 'mod5': return { items: [0, 1, 2, 3, 4].map((i) => ({ label: `pos % 5 = ${i}`, color: CATEGORICAL[i] })) };
    case 'punct': return { items: [{ label: 'special', color: [255, 196, 0] }, { label: 'punctuation', color: [60, 150, 255] }, { label: 'other (query)', color: ROLE_COLORS.query }, { label: 'other (key)', color: ROLE_COLORS.key }] };
    case 'norm': return { ramps: [{ label: 'query ||q||', ramp: 'queries', lo: '0', hi: 'max' }, { label: 'key ||k||', ramp: 'keys', lo: '0', hi: 'max' }] };
    case 'seq': return { items: [{ label: 'one colour per sequence (queries darker)', color: CATEGORICAL[0] }] };
    case 'hue': return { ramps: [{ label: 'hue', ramp: 'hue', lo: '0', hi: '1' }] };
    case 'brightness': return { ramps: [{ label: 'brightness', ramp: 'grey', lo: 'dark', hi: 'bright' }] };
    default: {
      const name = mode.startsWith('meta:') ? mode.slice(5) : mode;
      const col = tokens.columns[name];
      if (!col) return {};
      const [lo, hi] = extent(col);
      const top = name === 'token_len' ? Math.min(hi, 12) : hi;
      return { ramps: [{ label: name, ramp: 'viridis', lo: fmt(lo), hi: fmt(top) + (top < hi ? '+' : '') }] };
    }
  }
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3);
}
