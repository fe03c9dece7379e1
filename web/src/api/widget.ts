// The notebook widget's transport (qkatlas/share/widget.py is the other side): the HTTP source's
// requests (api/http.ts), sent over the widget's comm channel to the Python kernel, which answers
// them with the explorer API's own bytes. Protocol:
//   -> {type: 'request', id, path: '/atlas/minilm/layout/pca-2d', params: {layer: 3}}
//   <- {type: 'response', id, status, kind: 'json' | 'binary' | 'png'} + one buffer (the body)
import { HttpSource, type Params, type Transport } from './http';
import { SourceError } from './source';

/** What the widget needs of an anywidget model (AFM): custom messages, traits. */
export type Listener = (...args: unknown[]) => void;

export interface CommModel {
  send(content: unknown, callbacks?: unknown, buffers?: (ArrayBuffer | ArrayBufferView)[]): void;
  on(event: string, cb: Listener): void;
  off(event?: string | null, cb?: Listener | null): void;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  save_changes(): void;
}

interface Response {
  type: 'response';
  id: number;
  status: number;
  kind: string;
}

/** A buffer of a comm message as its own ArrayBuffer (comm buffers arrive as DataViews). */
function bytesOf(b: ArrayBuffer | ArrayBufferView | undefined): ArrayBuffer {
  if (!b) return new ArrayBuffer(0);
  if (b instanceof ArrayBuffer) return b;
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export interface CommTransport extends Transport {
  /** stop listening (the widget view was removed) */
  close(): void;
  /** requests sent so far (debug) */
  readonly sent: number;
}

export function commTransport(model: CommModel, timeoutMs = 120000): CommTransport {
  let next = 1, sent = 0;
  const pending = new Map<number, { resolve: (b: ArrayBuffer) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  const onMessage: Listener = (content, list) => {
    const msg = content as Response | null;
    const buffers = list as (ArrayBuffer | ArrayBufferView)[] | undefined;
    if (!msg || msg.type !== 'response') return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    const body = bytesOf(buffers?.[0]);
    if (msg.status >= 400) {
      let text = `${msg.status}`;
      try {
        text = (JSON.parse(new TextDecoder().decode(body)) as { error: string }).error ?? text;
      } catch {
        /* not JSON */
      }
      p.reject(new SourceError(msg.status, text));
    } else {
      p.resolve(body);
    }
  };
  model.on('msg:custom', onMessage);
  const request = (path: string, params: Params = {}): Promise<ArrayBuffer> => {
    const id = next++;
    const clean: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) clean[k] = v;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new SourceError(504, `the Python kernel did not answer ${path} in ${timeoutMs / 1000} s (is it busy or restarted?)`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      sent++;
      model.send({ type: 'request', id, path, params: clean });
    });
  };
  return {
    async json<T>(path: string, params?: Params): Promise<T> {
      return JSON.parse(new TextDecoder().decode(await request(path, params))) as T;
    },
    binary: request,
    url: () => null,
    close() {
      model.off('msg:custom', onMessage);
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new SourceError(499, 'the widget was closed'));
      }
      pending.clear();
    },
    get sent() {
      return sent;
    },
  };
}

/** The HTTP source over a widget's comm channel. */
export function widgetSource(model: CommModel): { source: HttpSource; transport: CommTransport } {
  const transport = commTransport(model);
  return { source: new HttpSource(transport, 'widget'), transport };
}
