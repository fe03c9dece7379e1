// A deck.gl layer that draws round points as GL_POINTS (one vertex per point, no instancing).
//
// Why not ScatterplotLayer: it draws one instanced quad per point, and software GL (SwiftShader,
// what headless Chromium and GPU-less machines use) runs instanced draws about 20x slower than a
// plain point list. With point sprites the whole matrix (every head, ~10^6 points) is one cheap
// draw call per model layer, on real GPUs and in software alike. Picking uses gl_VertexID as the
// object index, so `info.index` is the point's row in the layer's data.
import { Layer, UNIT, color, picking, project32 } from '@deck.gl/core';
import type { Accessor, Color, DefaultProps, LayerDataSource, LayerProps, Position, Unit, UpdateParameters } from '@deck.gl/core';
import { Model } from '@luma.gl/engine';
import type { ShaderModule } from '@luma.gl/shadertools';

const uniformBlock = /* glsl */ `\
layout(std140) uniform qkPointsUniforms {
  float radiusScale;
  float radiusMinPixels;
  float radiusMaxPixels;
  float lineWidthPixels;
  vec4 lineColor;
  float stroked;
  highp int radiusUnits;
  float baseRadius;
} qkPoints;
`;

type PointsUniforms = {
  radiusScale: number;
  radiusMinPixels: number;
  radiusMaxPixels: number;
  lineWidthPixels: number;
  lineColor: [number, number, number, number];
  stroked: number;
  radiusUnits: number;
  baseRadius: number;
};

const pointsUniforms: ShaderModule<PointsUniforms> = {
  name: 'qkPoints',
  vs: uniformBlock,
  fs: uniformBlock,
  source: '',
  uniformTypes: {
    radiusScale: 'f32',
    radiusMinPixels: 'f32',
    radiusMaxPixels: 'f32',
    lineWidthPixels: 'f32',
    lineColor: 'vec4<f32>',
    stroked: 'f32',
    radiusUnits: 'i32',
    baseRadius: 'f32',
  },
};

const vs = /* glsl */ `\
#version 300 es
#define SHADER_NAME qk-points-layer-vs
in vec3 positions;
in vec3 positions64Low;
in vec4 colors;
in float radii;
out vec4 vColor;
out float vRadius;
void main(void) {
  geometry.worldPosition = positions;
  if (picking.isActive > 0.5) geometry.pickingColor = picking_getPickingColorFromIndex(float(gl_VertexID));
  gl_Position = project_position_to_clipspace(positions, positions64Low, vec3(0.0), geometry.position);
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  float r = qkPoints.baseRadius > 0.0
    // sizes relative to the base radius as drawn (clamped): visible at any zoom
    ? clamp(project_size_to_pixel(qkPoints.radiusScale * qkPoints.baseRadius, qkPoints.radiusUnits),
            qkPoints.radiusMinPixels, qkPoints.radiusMaxPixels) * radii / qkPoints.baseRadius
    : clamp(project_size_to_pixel(qkPoints.radiusScale * radii, qkPoints.radiusUnits),
            qkPoints.radiusMinPixels, qkPoints.radiusMaxPixels);
  vRadius = r * project.devicePixelRatio;
  gl_PointSize = 2.0 * vRadius + 1.0;
  vColor = vec4(colors.rgb, colors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vColor, geometry);
}
`;

const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME qk-points-layer-fs
precision highp float;
in vec4 vColor;
in float vRadius;
out vec4 fragColor;
void main(void) {
  // distance from the centre in pixels; soft edge of one pixel
  vec2 p = (gl_PointCoord - 0.5) * (2.0 * vRadius + 1.0);
  float d = length(p);
  float edge = 1.0 - smoothstep(vRadius - 0.5, vRadius + 0.5, d);
  if (edge <= 0.0) discard;
  vec4 c = vColor;
  if (qkPoints.stroked > 0.5 && vRadius >= 2.5 * qkPoints.lineWidthPixels && d > vRadius - qkPoints.lineWidthPixels) {
    c = vec4(qkPoints.lineColor.rgb, qkPoints.lineColor.a * layer.opacity);
  }
  fragColor = vec4(c.rgb, c.a * edge);
  if (picking.isActive > 0.5) fragColor.a = 1.0;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

/** Props of PointsLayer (the subset of ScatterplotLayer's that it draws). */
type _PointsLayerProps<DataT> = {
  data: LayerDataSource<DataT>;
  radiusUnits?: Unit;
  radiusScale?: number;
  radiusMinPixels?: number;
  radiusMaxPixels?: number;
  /** a ring of lineColor, lineWidthPixels wide, inside each point big enough to show it */
  stroked?: boolean;
  lineWidthPixels?: number;
  lineColor?: Color;
  /** > 0: radii are sizes relative to this radius, applied after the pixel clamp of it (size by norm) */
  baseRadius?: number;
  getPosition?: Accessor<DataT, Position>;
  getFillColor?: Accessor<DataT, Color>;
  getRadius?: Accessor<DataT, number>;
};

export type PointsLayerProps<DataT = unknown> = _PointsLayerProps<DataT> & LayerProps;

const defaultProps: DefaultProps<PointsLayerProps> = {
  radiusUnits: 'common',
  radiusScale: { type: 'number', min: 0, value: 1 },
  radiusMinPixels: { type: 'number', min: 0, value: 0.75 },
  radiusMaxPixels: { type: 'number', min: 0, value: 64 },
  stroked: false,
  lineWidthPixels: 1,
  lineColor: { type: 'color', value: [255, 255, 255, 255] },
  baseRadius: 0,
  getPosition: { type: 'accessor', value: (x: unknown) => (x as { position: Position }).position },
  getFillColor: { type: 'accessor', value: [0, 0, 0, 255] },
  getRadius: { type: 'accessor', value: 1 },
};

export class PointsLayer<DataT = unknown> extends Layer<Required<_PointsLayerProps<DataT>>> {
  static layerName = 'QkPointsLayer';
  static defaultProps = defaultProps;
  declare state: { model?: Model };

  getShaders() {
    return super.getShaders({ vs, fs, modules: [project32, color, picking, pointsUniforms] });
  }

  initializeState() {
    this.getAttributeManager()!.add({
      positions: { size: 3, type: 'float64', fp64: this.use64bitPositions(), accessor: 'getPosition' },
      colors: { size: 4, type: 'unorm8', accessor: 'getFillColor', defaultValue: [0, 0, 0, 255] },
      radii: { size: 1, accessor: 'getRadius', defaultValue: 1 },
    });
  }

  updateState(params: UpdateParameters<this>) {
    super.updateState(params);
    if (params.changeFlags.extensionsChanged || !this.state.model) {
      this.state.model?.destroy();
      this.state.model = this._getModel();
      this.getAttributeManager()!.invalidateAll();
    }
  }

  draw() {
    const p = this.props;
    const model = this.state.model;
    if (!model) return;
    const lc = p.lineColor ?? [255, 255, 255, 255];
    const uniforms: PointsUniforms = {
      radiusScale: p.radiusScale,
      radiusMinPixels: p.radiusMinPixels,
      radiusMaxPixels: p.radiusMaxPixels,
      lineWidthPixels: p.lineWidthPixels,
      lineColor: [lc[0] / 255, lc[1] / 255, lc[2] / 255, (lc[3] ?? 255) / 255],
      stroked: p.stroked ? 1 : 0,
      radiusUnits: UNIT[p.radiusUnits],
      baseRadius: p.baseRadius ?? 0,
    };
    model.shaderInputs.setProps({ qkPoints: uniforms });
    model.setVertexCount(this.getNumInstances());
    model.draw(this.context.renderPass);
  }

  _getModel() {
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      bufferLayout: this.getAttributeManager()!.getBufferLayouts({ isInstanced: false }),
      topology: 'point-list',
      isInstanced: false,
      vertexCount: 0,
    });
  }
}
