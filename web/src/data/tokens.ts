// The token table (columnar, from a data source's tokens()) and the sequences (from sequences()).
import type { TokenData } from '../api/source';
import type { ColumnKind, SequencesTable } from '../api/types';
import type { TypedArray } from '../api/wire';

export class TokenTable {
  readonly n: number;
  readonly columns: Record<string, TypedArray>;
  readonly kinds: Record<string, ColumnKind>;
  readonly strings: Record<string, string[]>;

  constructor(data: TokenData) {
    this.n = data.n;
    this.columns = {};
    this.kinds = {};
    for (const c of data.columns) {
      this.columns[c.name] = c.data;
      this.kinds[c.name] = c.kind;
    }
    this.strings = data.strings ?? {};
  }

  has(name: string): boolean {
    return name in this.columns;
  }

  num(name: string, row: number): number {
    const c = this.columns[name];
    return c ? c[row] : NaN;
  }

  str(name: string, row: number): string {
    const c = this.columns[name];
    const s = this.strings[name];
    return c && s ? s[c[row]] : '';
  }

  token(row: number): string {
    return this.str('token', row);
  }

  seq(row: number): number {
    return this.columns.seq[row];
  }

  pos(row: number): number {
    return this.columns.pos[row];
  }

  seqLen(row: number): number {
    return this.columns.seq_len[row];
  }

  isSpecial(row: number): boolean {
    return !!(this.columns.is_special && this.columns.is_special[row]);
  }

  isPunct(row: number): boolean {
    return !!(this.columns.is_punct && this.columns.is_punct[row]);
  }
}

export interface Sequences {
  n: number;
  start: number[];
  n_tokens: number[];
  text: string[];
}

export function sequencesFrom(table: SequencesTable): Sequences {
  const d = table.data;
  const texts = d.text ?? d.source ?? [];
  return {
    n: table.n,
    start: d.start.map(Number),
    n_tokens: d.n_tokens.map(Number),
    text: Array.from({ length: table.n }, (_, i) => String(texts[i] ?? '')),
  };
}

/** Display form of a token: visible whitespace, limited length. */
export function showToken(t: string, max = 24): string {
  const s = t.replace(/\n/g, '\u21b5').replace(/\t/g, '\u21e5');
  const v = s.trim() === '' ? s.replace(/ /g, '\u2423') : s;
  return v.length > max ? v.slice(0, max - 1) + '\u2026' : v;
}
