// Page configuration: which data source the explorer reads, and a few options. A page that
// embeds the explorer (a static export, a notebook widget) injects it before the bundle runs:
//
//   <script>window.QKATLAS_CONFIG = { source: 'http', apiRoot: '/api' }</script>
//   or <script type="application/json" id="qkatlas-config">{"source": "http"}</script>
//
// Default: the qkatlas server's HTTP API at /api of the page's origin. `qkatlas export` writes
// { source: 'static', dataRoot: './data/' }: the files of a static export (api/static.ts).
import { HttpSource, fetchTransport } from './api/http';
import type { DataSource } from './api/source';
import { StaticSource } from './api/static';

export interface QkatlasConfig {
  /** which data source: 'http' (default), or 'static' (files of `qkatlas export`). Others plug in by passing `dataSource`. */
  source?: 'http' | 'static';
  /** root of the HTTP API (default "/api") */
  apiRoot?: string;
  /** folder of a static export's data files (default "./data/") */
  dataRoot?: string;
  /** a ready data source (static files, widget channel...); wins over `source` */
  dataSource?: DataSource;
  /** points drawn in the matrix before level-of-detail sampling (also `?budget=N` in the URL) */
  budget?: number;
  /** keep the URL hash in sync with the view (default true) */
  url?: boolean;
}

declare global {
  interface Window {
    QKATLAS_CONFIG?: QkatlasConfig;
  }
}

/** The configuration of this page: window.QKATLAS_CONFIG, else #qkatlas-config JSON, plus ?budget=. */
export function readConfig(win: Window = window): QkatlasConfig {
  let cfg: QkatlasConfig = win.QKATLAS_CONFIG ?? {};
  const script = win.document.getElementById('qkatlas-config');
  if (!win.QKATLAS_CONFIG && script?.textContent) {
    try {
      cfg = JSON.parse(script.textContent) as QkatlasConfig;
    } catch (e) {
      console.error('qkatlas-config is not valid JSON', e);
    }
  }
  const budget = Number(new URLSearchParams(win.location.search).get('budget'));
  return budget > 0 ? { ...cfg, budget } : cfg;
}

export function createSource(cfg: QkatlasConfig): DataSource {
  if (cfg.dataSource) return cfg.dataSource;
  const kind = cfg.source ?? 'http';
  if (kind === 'http') return new HttpSource(fetchTransport(cfg.apiRoot ?? '/api'));
  if (kind === 'static') return new StaticSource(cfg.dataRoot ?? './data/');
  throw new Error(`unknown data source ${JSON.stringify(kind)}`);
}
