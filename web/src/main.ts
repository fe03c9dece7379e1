// Entry point of the bundle: read the page's configuration, pick the data source, start the app.
import './style.css';
import { App } from './app';
import { createSource, readConfig } from './config';

const cfg = readConfig();
const app = new App(document.getElementById('app')!, createSource(cfg), { budget: cfg.budget, url: cfg.url });
void app.start();
