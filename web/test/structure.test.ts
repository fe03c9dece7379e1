// The shape of web/src: no import cycles, no `any`, no long files without a reason.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');
const MAX_LINES = 500;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a module (static `import ... from`, `export ... from`, `import '...'`), type-only ones included. */
export function importsOf(path: string, text: string): string[] {
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) {
    let target = resolve(dirname(path), m[1]);
    if (!target.endsWith('.ts')) target += '.ts';
    out.push(target);
  }
  return out;
}

/** The first import cycle of a graph, as a list of nodes (empty when there is none). */
export function findCycle(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c.length) return c;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return [];
  };
  for (const n of graph.keys()) {
    if (state.has(n)) continue;
    const c = visit(n);
    if (c.length) return c;
  }
  return [];
}

describe('web/src structure', () => {
  const all = files(SRC);
  const texts = new Map(all.map((f) => [f, readFileSync(f, 'utf8')]));

  it('finds cycles (checking the checker)', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
    expect(importsOf('/x/a.ts', "import type { A } from './b';\nimport { C } from '../c/d';\nexport { e } from './e';\nimport './style.css';")).toEqual(['/x/b.ts', '/c/d.ts', '/x/e.ts', '/x/style.css.ts']);
  });

  it('has no import cycles (type-only imports included)', () => {
    const graph = new Map(all.map((f) => [f, importsOf(f, texts.get(f)!).filter((t) => texts.has(t))]));
    const cycle = findCycle(graph).map((f) => relative(SRC, f));
    expect(cycle).toEqual([]);
  });

  it('imports only modules that exist', () => {
    const missing = all.flatMap((f) => importsOf(f, texts.get(f)!).filter((t) => !t.endsWith('.css.ts') && !texts.has(t)).map((t) => `${relative(SRC, f)} -> ${relative(SRC, t)}`));
    expect(missing).toEqual([]);
  });

  it('views import neither the app nor each other', () => {
    const bad: string[] = [];
    for (const f of all.filter((f) => relative(SRC, f).startsWith('views/'))) {
      for (const t of importsOf(f, texts.get(f)!)) {
        const r = relative(SRC, t);
        const sibling = r.startsWith('views/') && r !== 'views/view.ts' && !(relative(SRC, f) === 'views/head.ts' && r === 'views/head-panel.ts');
        if (r === 'app.ts' || r === 'main.ts' || sibling) bad.push(`${relative(SRC, f)} -> ${r}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('uses no `any` type', () => {
    const uses = all.flatMap((f) => texts.get(f)!.split('\n').map((line, i) => [f, i + 1, line.replace(/\/\/.*$|\/\*.*?\*\/|'[^']*'|`[^`]*`/g, '')] as const)
      .filter(([, , code]) => /(:\s*any\b|\bas\s+any\b|<any\b|\bany\[\]|,\s*any\s*>)/.test(code)).map(([f, i]) => `${relative(SRC, f)}:${i}`));
    expect(uses).toEqual([]);
  });

  it(`keeps files under ${MAX_LINES} lines unless the file says why at its top`, () => {
    const long = all.filter((f) => {
      const text = texts.get(f)!;
      // the same convention as tests/unit/test_architecture.py: say "why this file is long" in its first 12 lines
      return text.split('\n').length > MAX_LINES && !/why this file is long/i.test(text.split('\n').slice(0, 12).join('\n'));
    });
    expect(long.map((f) => relative(SRC, f))).toEqual([]);
  });
});
