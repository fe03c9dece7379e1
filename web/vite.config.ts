/// <reference types="vitest/config" />
import { build, defineConfig, type Plugin } from 'vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '../qkatlas/web/dist');
const WIDGET_DIST = resolve(DIST, 'widget');
const SCOPE = '.qkatlas-widget';

/**
 * style.css for the notebook widget: every rule scoped to the widget's root, and the page-level
 * rules (:root, html, body, body.light, #app) made the root's own, so the notebook's page keeps
 * its styles. (The widget's root is positioned in the page's flow, not over the whole page.)
 */
export function scopeCss(css: string, scope = SCOPE): string {
  const page: Record<string, string> = { ':root': scope, html: scope, body: scope, '#app': scope, 'body.light': `${scope}.light` };
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, '').split('}').map((r) => r.trim()).filter(Boolean);
  const out = rules.map((rule) => {
    const [selectors, body] = rule.split('{');
    const scoped = [...new Set(selectors.split(',').map((s) => s.trim()).map((s) => page[s] ?? `${scope} ${s}`))];
    return `${scoped.join(', ')} {${body}}`;
  });
  out.push(`${scope} { position: relative; inset: auto; height: 640px; box-sizing: border-box; border: 1px solid var(--border); outline: none; }`);
  return out.join('\n') + '\n';
}

/** After the app's build: the widget (src/widget.ts) as one self-contained ES module, and its CSS. */
function widgetBuild(): Plugin {
  return {
    name: 'qkatlas-widget',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          outDir: WIDGET_DIST,
          emptyOutDir: true,
          target: 'es2022',
          sourcemap: false,
          chunkSizeWarningLimit: 2000,
          lib: { entry: resolve(import.meta.dirname, 'src/widget.ts'), formats: ['es'], fileName: () => 'qkatlas-widget.js' },
          rolldownOptions: { output: { codeSplitting: false, minify: true } }, // one file; minified (lib builds are not by default)
        },
      });
      writeFileSync(resolve(WIDGET_DIST, 'qkatlas-widget.css'), scopeCss(readFileSync(resolve(import.meta.dirname, 'src/style.css'), 'utf8')));
    },
  };
}

// The bundle ships inside the Python package (qkatlas/web/dist), served by FastAPI; the widget's
// bundle goes to qkatlas/web/dist/widget (qkatlas/share/widget.py), the static export copies the app's.
export default defineConfig({
  base: './',
  plugins: [widgetBuild()],
  build: {
    outDir: DIST,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
