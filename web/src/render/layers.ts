// deck.gl layers the views share: point clouds (GL_POINTS), ringed highlight points, attention
// lines, the selected point and image-patch thumbnails. Positions are world coordinates.
import { COORDINATE_SYSTEM } from '@deck.gl/core';
import type { Color, Position } from '@deck.gl/core';
import type { Texture } from '@luma.gl/core';
import { IconLayer, LineLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { ImageRef, Role } from '../api/source';
import type { ThumbnailSpec } from '../api/types';
import { ROLE_COLORS } from './colors';
import { PointsLayer } from './points-layer';
import type { RGBA } from './theme';

/** Point radius in cell units (world). */
export const RADIUS = 0.0032;

/** deck.gl's binary data: `length` points whose attributes are typed arrays. */
export interface BinaryPoints {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: number };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
    getRadius?: { value: Float32Array; size: 1 };
  };
}

/** A highlighted point of one head. */
export interface HeadPoint {
  position: Position;
  /** head index */
  index: number;
  row: number;
  role: Role;
}

export function binaryPoints(positions: Float32Array, size: number, colors: Uint8Array, radii: Float32Array | null = null): BinaryPoints {
  const attributes: BinaryPoints['attributes'] = {
    getPosition: { value: positions, size },
    getFillColor: { value: colors, size: 4, normalized: true },
  };
  if (radii) attributes.getRadius = { value: radii, size: 1 };
  return { length: positions.length / size, attributes };
}

/** Every point of some heads, as one GL_POINTS draw call. */
export function cloudLayer(id: string, data: BinaryPoints): PointsLayer {
  return new PointsLayer({
    id,
    data,
    coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
    radiusUnits: 'common',
    getRadius: RADIUS,
    radiusMinPixels: 0.75,
    radiusMaxPixels: 5,
    pickable: true,
    parameters: { depthCompare: 'always' },
    // radii by norm: relative to the default radius as drawn, so that they show at any zoom
    baseRadius: data.attributes.getRadius ? RADIUS : 0,
  });
}

const QUERY_RGBA: Color = [...ROLE_COLORS.query, 255];
const KEY_RGBA: Color = [...ROLE_COLORS.key, 255];

function roleColor(role: Role): Color {
  return role === 'query' ? QUERY_RGBA : KEY_RGBA;
}

// Data objects are kept per input so that an unchanged layer keeps its data: deck.gl re-uploads
// and redraws when `data` is a new object.
const single = new WeakMap<object, Position[]>();
const indices = new Map<number, number[]>();

/** Highlighted points (search matches, the selected sequence): role colours, ringed. */
export function ringLayer(id: string, pts: HeadPoint[], ring: RGBA, opts: { scale: number; minPixels: number; maxPixels: number; trigger?: unknown }): PointsLayer<HeadPoint> {
  return new PointsLayer<HeadPoint>({
    id,
    data: pts,
    getPosition: (d) => d.position,
    getFillColor: (d) => roleColor(d.role),
    lineColor: ring,
    stroked: true,
    lineWidthPixels: 1,
    radiusUnits: 'common',
    getRadius: RADIUS * opts.scale,
    radiusMinPixels: opts.minPixels,
    radiusMaxPixels: opts.maxPixels,
    pickable: true,
    coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
    updateTriggers: opts.trigger === undefined ? {} : { getLineColor: [opts.trigger] },
    parameters: { depthCompare: 'always' },
  });
}

export interface AttentionLine {
  source: Position;
  target: Position;
  /** weight relative to the strongest line, 0..1 */
  w: number;
  row: number;
}

/** Lines from the selected token to its top attended tokens, opacity and width by weight. */
export function attentionLinesLayer(lines: AttentionLine[], accent: RGBA): LineLayer<AttentionLine> {
  return new LineLayer<AttentionLine>({
    id: 'attention-lines',
    data: lines,
    getSourcePosition: (d) => d.source,
    getTargetPosition: (d) => d.target,
    getColor: (d) => [accent[0], accent[1], accent[2], Math.round(50 + 205 * d.w)],
    getWidth: (d) => 1 + 3 * d.w,
    updateTriggers: { getColor: [accent.join()] },
    widthUnits: 'pixels',
    coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
    parameters: { depthCompare: 'always' },
  });
}

/** The selected token's point, large and outlined. */
export function selectedPointLayer(at: Position, role: Role, accent: RGBA): ScatterplotLayer<Position> {
  return new ScatterplotLayer<Position>({
    id: 'selected-point',
    data: single.get(at) ?? (single.set(at, [at]), single.get(at)!),
    getPosition: (d) => d,
    getFillColor: roleColor(role),
    getLineColor: accent,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    radiusUnits: 'pixels',
    getRadius: 6,
    coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
    parameters: { depthCompare: 'always' },
  });
}

interface IconBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const mappings = new WeakMap<ThumbnailSpec, Record<string, IconBox>>();

function iconMapping(th: ThumbnailSpec): Record<string, IconBox> {
  let m = mappings.get(th);
  if (!m) {
    m = {};
    for (let i = 0; i < th.count; i++) m[i] = { x: (i % th.columns) * th.tile, y: Math.floor(i / th.columns) * th.tile, width: th.tile, height: th.tile };
    mappings.set(th, m);
  }
  return m;
}

/** Image patches drawn as their thumbnails: 2n points (queries then keys) of n tokens at `pos`. */
export function thumbLayer(pos: Float32Array, dim: number, n: number, th: ThumbnailSpec, sprite: ImageRef): IconLayer<number> {
  let idx = indices.get(2 * n);
  if (!idx) indices.set(2 * n, (idx = Array.from({ length: 2 * n }, (_, i) => i)));
  return new IconLayer<number>({
    id: 'thumbs',
    data: idx,
    // deck.gl's image props take decoded images too (prop type 'image'); its .d.ts names only string | Texture
    iconAtlas: typeof sprite === 'string' ? sprite : (sprite as unknown as Texture),
    iconMapping: iconMapping(th),
    getIcon: (i) => String(i % n),
    getPosition: (i) => (dim === 3 ? [pos[i * 3], pos[i * 3 + 1], pos[i * 3 + 2]] : [pos[i * 2], pos[i * 2 + 1]]),
    sizeUnits: 'common',
    getSize: 0.035,
    sizeMinPixels: 4,
    sizeMaxPixels: 40,
    pickable: true,
    coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
    updateTriggers: { getPosition: [pos] },
  });
}
