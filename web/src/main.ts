// Entry point of the bundle: read the page's configuration, pick the data source, start the app.
import './style.css';
import { App } from './app';
import { createSource, readConfig } from './config';
import { installCompare } from './views/compare';

const cfg = readConfig();
const source = createSource(cfg);
const app = new App(document.getElementById('app')!, source, { budget: cfg.budget, url: cfg.url });
void app.start();
void installCompare(source, document.getElementById('bar'));
