// The front end's JSON types come from the server's OpenAPI schema (web/openapi.json, kept current
// by tests/server/test_openapi.py): api/schema.d.ts must be what `npm run types` writes from it,
// and every source file must typecheck against it. A server change that removes or renames a
// field the front end reads, or adds a required one that a data source does not fill, fails here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const WEB = resolve(import.meta.dirname, '..');

describe('types from the OpenAPI schema', () => {
  it('api/schema.d.ts is current with openapi.json (npm run types)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qkatlas-schema-'));
    try {
      const out = join(dir, 'schema.d.ts');
      const cli = resolve(WEB, 'node_modules/openapi-typescript/bin/cli.js');
      execFileSync(process.execPath, [cli, resolve(WEB, 'openapi.json'), '-o', out], { stdio: 'pipe' });
      const fresh = readFileSync(out, 'utf8'), committed = readFileSync(resolve(WEB, 'src/api/schema.d.ts'), 'utf8');
      expect(committed === fresh, 'src/api/schema.d.ts is stale: run `npm run types` in web/').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('every source and test file typechecks against the generated types', () => {
    const configPath = resolve(WEB, 'tsconfig.json');
    const cfg = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const program = ts.createProgram({ rootNames: cfg.fileNames, options: cfg.options });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.slice(WEB.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    expect(errors).toEqual([]);
  }, 180_000);
});
