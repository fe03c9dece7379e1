import { describe, expect, it } from 'vitest';
import { RAMPS, rampColor } from '../src/render/colors';
import { measureColor, measureColumn, measureOf, measureTint, measuresIn, measureValue } from '../src/render/measure-tint';

const table: Record<string, (number | null)[]> = {
  'fidelity_pca-2d': [0.2, 0.9, null],
  'geometry_pca-2d': [0.05, Number.NaN, 0.5],
  'fidelity_tsne-2d': [0.4, 0.5, 0.6],
};
const column = (name: string) => table[name];

describe('layout measure tint', () => {
  it('names and parses the tints', () => {
    expect(measureTint('geometry')).toBe('layout:geometry');
    expect(measureOf('layout:fidelity')).toBe('fidelity');
    expect(measureOf('layout:nope')).toBeNull();
    expect(measureOf('metric:top1')).toBeNull();
    expect(measureColumn('fidelity', 'umap-3d')).toBe('fidelity_umap-3d');
  });

  it('offers only the measures the head table has', () => {
    expect(measuresIn(Object.keys(table))).toEqual(['fidelity', 'geometry']);
    expect(measuresIn(['top1', 'fidelity_pca-2d'])).toEqual(['fidelity']);
    expect(measuresIn(['top1'])).toEqual([]);
  });

  it('reads the value of the current layout, null where there is none', () => {
    expect(measureValue(column, 'layout:fidelity', 'pca-2d', 1)).toBe(0.9);
    expect(measureValue(column, 'layout:fidelity', 'tsne-2d', 1)).toBe(0.5); // follows the layout
    expect(measureValue(column, 'layout:geometry', 'pca-2d', 0)).toBe(0.05);
    expect(measureValue(column, 'layout:fidelity', 'pca-2d', 2)).toBeNull(); // null cell
    expect(measureValue(column, 'layout:geometry', 'pca-2d', 1)).toBeNull(); // NaN
    expect(measureValue(column, 'layout:geometry', 'tsne-2d', 0)).toBeNull(); // no such column
    expect(measureValue(column, 'metric:top1', 'pca-2d', 0)).toBeNull();
    expect(measureValue(column, 'layout:fidelity', 'pca-2d', -1)).toBeNull();
  });

  it('colours on one fixed 0..1 scale for both measures', () => {
    expect(measureColor(0)).toEqual(rampColor(RAMPS.viridis, 0));
    expect(measureColor(1)).toEqual(rampColor(RAMPS.viridis, 1));
    expect(measureColor(0.2)).not.toEqual(measureColor(0.9));
  });
});
