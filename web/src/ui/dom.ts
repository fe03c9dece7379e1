// Small DOM helpers shared by every panel and view.

/** Any event handler (a function of one event of some type, or of none). */
type Handler = (e: never) => void;

/** Attributes of el(): class, style (CSS text), on* handlers, and plain attributes (false/null/undefined: left out). */
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = String(v);
    else if (k === 'style') e.style.cssText = String(v);
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v as EventListener);
    else if (v !== undefined && v !== null && v !== false && typeof v !== 'function') e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null) e.append(c);
  return e;
}

export function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

/** A two-column key/value grid. */
export function kv(pairs: [string, string][]): HTMLElement {
  const d = el('div', { class: 'kv' });
  for (const [k, v] of pairs) d.append(el('div', {}, k), el('div', {}, v));
  return d;
}

export function fmtNum(v: unknown): string {
  if (v === null || v === undefined) return '\u2013';
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A small button. */
export function button(label: string, title: string, onclick: () => void, id?: string): HTMLButtonElement {
  return el('button', { title, onclick, id }, label);
}
