// Fetch helpers: JSON and QKB1 binary, with the server's {"error": "..."} as the thrown message.
import { parseMessage, type Message } from './wire';

export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

async function check(res: Response): Promise<Response> {
  if (res.ok) return res;
  let msg = `${res.status} ${res.statusText}`;
  try {
    const body = await res.json();
    if (body && body.error) msg = body.error;
  } catch {
    /* not JSON */
  }
  throw new ApiError(res.status, msg);
}

export async function getJSON<T = any>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await check(await fetch(url, { signal }));
  return res.json();
}

export async function getMessage(url: string, signal?: AbortSignal): Promise<Message & { bytes: number }> {
  const res = await check(await fetch(url, { signal }));
  const buf = await res.arrayBuffer();
  return { ...parseMessage(buf), bytes: buf.byteLength };
}

export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? '?' + parts.join('&') : '';
}
