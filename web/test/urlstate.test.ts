import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, decodeState, encodeState, stateFromHash } from '../src/state/urlstate';

describe('URL state', () => {
  it('round-trips a shared view', () => {
    const s = { ...DEFAULT_STATE, atlas: 'smollm2', layout: 'umap-3d', view: 'sequence' as const, layer: 29, head: 8, token: 1234, role: 'key' as const, search: 'the & a', regex: true, theme: 'light' as const, tint: 'metric:entropy', sort: 'label', hide: true };
    const hash = encodeState(s);
    expect(hash.startsWith('#')).toBe(true);
    expect(stateFromHash(hash)).toEqual(s);
  });

  it('leaves defaults out and restores them', () => {
    expect(encodeState(DEFAULT_STATE)).toBe('');
    expect(encodeState({ ...DEFAULT_STATE, atlas: 'a' })).toBe('#atlas=a');
    expect(stateFromHash('')).toEqual(DEFAULT_STATE);
  });

  it('ignores bad values and unknown keys', () => {
    const d = decodeState('#view=nope&layer=-3&head=x&token=2.5&theme=blue&size=maybe&foo=1&atlas=ok&layer=4');
    expect(d).toEqual({ atlas: 'ok', layer: 4 });
    expect(decodeState('?atlas=q&view=image')).toEqual({ atlas: 'q', view: 'image' });
    expect(decodeState('#search=%E0%A4')).toEqual({}); // malformed escape
  });
});
