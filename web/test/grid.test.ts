import { describe, expect, it } from 'vitest';
import { CELL, PITCH, cellAt, fitBox, gridSlots, localPositions, project, unproject } from '../src/render/grid';
import { renormalize, topWeights } from '../src/data/attention';
import { placeLabels } from '../src/render/labels';

describe('matrix grid', () => {
  it('places any number of layers and heads, in any order', () => {
    const slots = gridSlots(30, 9);
    expect(slots.length).toBe(270);
    expect(slots[10]).toMatchObject({ layer: 1, head: 1, row: 1, col: 1, x: PITCH, y: PITCH });
    const order = Array.from({ length: 6 }, (_, i) => 5 - i);
    const s2 = gridSlots(2, 3, order);
    expect(s2[0]).toMatchObject({ index: 5, layer: 1, head: 2, row: 0, col: 0 });
    expect(cellAt(slots, 9, PITCH + 0.5, 2 * PITCH + 0.5)).toBe(19);
    expect(cellAt(slots, 9, CELL + 0.01, 0.5)).toBe(-1); // in the gap
  });

  it('projects and unprojects like an orthographic view', () => {
    const vs = fitBox(0, 0, 10, 5, 1000, 500, 1);
    const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 6));
    close(project(vs, 1000, 500, 0, 0), [0, 0]);
    close(project(vs, 1000, 500, 10, 5), [1000, 500]);
    const [x, y] = unproject(vs, 1000, 500, 250, 125);
    expect(x).toBeCloseTo(2.5);
    expect(y).toBeCloseTo(1.25);
  });

  it('normalises quantised 2-D points into the unit cell, keeping the aspect', () => {
    const q = new Uint16Array([0, 0, 65535, 65535]);
    const out = new Float32Array(4);
    localPositions(q, 0, 2, 2, [0, 2, 0, 1], out);
    expect(Array.from(out)).toEqual([0, 0.25, 1, 0.75]);
  });
});

describe('labels and attention helpers', () => {
  it('keeps labels that do not overlap, best first', () => {
    const placed = placeLabels([
      { x: 10, y: 10, text: 'aaaa', priority: 1 },
      { x: 12, y: 12, text: 'bbbb', priority: 5 },
      { x: 200, y: 10, text: 'cccc', priority: 0 },
    ], 400, 100);
    expect(placed.map((p) => p.text)).toEqual(['bbbb', 'cccc']);
  });

  it('picks the top weights and renormalises hidden keys', () => {
    expect(topWeights([0.1, 0.6, 0.05, 0.25], 8, 0.9)).toEqual([1, 3, 0]);
    expect(topWeights([0.5, 0.5], 1)).toEqual([0]);
    const a = new Float32Array([0.5, 0.25, 0.25, 0.2, 0.4, 0.4, 1, 0, 0]);
    const r = renormalize(a, 3, [true, false, false]);
    expect(Array.from(r.slice(0, 3))).toEqual([0, 0.5, 0.5]);
    expect(Array.from(r.slice(6, 9))).toEqual([0, 0, 0]);
  });
});
