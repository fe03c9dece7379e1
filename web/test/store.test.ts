import { describe, expect, it } from 'vitest';
import { TokenTable, sequencesFrom } from '../src/data/tokens';
import { Store, createStore, focusIndex, selectionOf, urlState } from '../src/state/store';
import { DEFAULT_STATE, bindUrl, encodeState, stateFromHash, type HashTarget } from '../src/state/urlstate';
import { FakeAtlas, N_HEADS, N_LAYERS, SEQ_LEN } from './fake-source';

describe('store', () => {
  it('notifies the keys that changed, once per set or batch', () => {
    const s = new Store({ a: 1, b: 'x', c: [1] });
    const seen: string[][] = [];
    s.subscribe((_st, changed) => seen.push([...changed].map(String).sort()));
    s.set({ a: 1 }); // same value: nothing
    s.set({ a: 2, b: 'x' });
    s.batch(() => {
      s.set({ b: 'y' });
      s.set({ c: [1] }); // a new array is a change
    });
    expect(seen).toEqual([['a'], ['b', 'c']]);
    expect(s.get()).toEqual({ a: 2, b: 'y', c: [1] });
  });

  it('calls keyed listeners only for their keys, and stops after unsubscribe', () => {
    const s = new Store({ a: 1, b: 2 });
    let calls = 0;
    const off = s.subscribe(() => calls++, ['b']);
    s.set({ a: 5 });
    expect(calls).toBe(0);
    s.set({ b: 3 });
    expect(calls).toBe(1);
    off();
    s.set({ b: 4 });
    expect(calls).toBe(1);
  });

  it('replaces the state object on change (old snapshots stay as they were)', () => {
    const s = new Store({ a: 1 });
    const before = s.get();
    s.set({ a: 2 });
    expect(before.a).toBe(1);
    expect(s.get().a).toBe(2);
  });

  it('runs a set made by a listener after the current round, with every listener seeing the latest state', () => {
    const s = new Store({ a: 0, b: 0 });
    const order: string[] = [];
    s.subscribe((st, changed) => {
      order.push(`first ${[...changed].join()} a=${st.a} b=${st.b}`);
      if (changed.has('a')) s.set({ b: st.a * 10 });
    });
    s.subscribe((st, changed) => order.push(`second ${[...changed].join()} a=${st.a} b=${st.b}`));
    s.set({ a: 1 });
    expect(order).toEqual(['first a a=1 b=0', 'second a a=1 b=10', 'first b a=1 b=10', 'second b a=1 b=10']);
  });
});

describe('app state selectors', () => {
  it('clamps the focused head to the atlas and finds the selected token', async () => {
    const src = new FakeAtlas();
    const store = createStore({ ...DEFAULT_STATE, layer: 99, head: 1, token: SEQ_LEN + 3, role: 'key' });
    expect(focusIndex(store.get())).toBe(0); // no atlas yet
    expect(selectionOf(store.get())).toBeNull();
    store.set({ info: await src.info(), tokens: new TokenTable(await src.tokens()), seqs: sequencesFrom(await src.sequences()) });
    expect(focusIndex(store.get())).toBe((N_LAYERS - 1) * N_HEADS + 1);
    expect(selectionOf(store.get())).toEqual({ row: SEQ_LEN + 3, role: 'key', seq: 1, start: SEQ_LEN, n: SEQ_LEN });
    store.set({ token: 10_000 });
    expect(selectionOf(store.get())).toBeNull();
  });

  it('keeps the URL part apart from the loaded data', () => {
    const store = createStore(stateFromHash('#atlas=a&view=head&layer=2'));
    store.set({ headsError: 'x' });
    const u = urlState(store.get());
    expect(Object.keys(u).sort()).toEqual(Object.keys(DEFAULT_STATE).sort());
    expect(encodeState(u)).toBe('#atlas=a&view=head&layer=2');
  });
});

describe('URL binding', () => {
  function target(initial = ''): HashTarget & { writes: string[] } {
    let hash = initial;
    const writes: string[] = [];
    return {
      writes,
      get hash() {
        return hash;
      },
      replace(h: string) {
        hash = h;
        writes.push(h);
      },
    };
  }

  it('writes the hash once per burst of changes, in today\'s format', async () => {
    const store = createStore(stateFromHash('#atlas=minilm'));
    const t = target('#atlas=minilm');
    const heard: string[] = [];
    bindUrl(store, t, (h) => heard.push(h));
    store.set({ layout: 'pca-2d' });
    store.set({ view: 'head', layer: 3, head: 9 });
    store.set({ token: 40, role: 'key', search: 'the & a', hide: true });
    expect(t.writes).toEqual([]); // not yet: batched into a microtask
    await Promise.resolve();
    expect(t.writes).toEqual(['#atlas=minilm&layout=pca-2d&view=head&layer=3&head=9&token=40&role=key&search=the%20%26%20a&hide=1']);
    expect(heard).toEqual(t.writes);
    expect(stateFromHash(t.hash)).toEqual(urlState(store.get()));
  });

  it('ignores session data and leaves an equal hash alone', async () => {
    const store = createStore(stateFromHash('#atlas=minilm'));
    const t = target('#atlas=minilm');
    bindUrl(store, t);
    store.set({ headsError: 'nope' });
    await Promise.resolve();
    store.set({ theme: 'light' });
    store.set({ theme: 'dark' });
    await Promise.resolve();
    expect(t.writes).toEqual([]);
    store.set({ atlas: null });
    await Promise.resolve();
    expect(t.writes).toEqual(['']);
  });
});
