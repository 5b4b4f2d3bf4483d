import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import type { FeatureLike } from 'ol/Feature.js';
import type { LayerStyle, StyleClass } from './types.ts';

export interface LayerStyleOptions {
  /** Outline width in pixels; default 1 (county boundary layers get 2). */
  outlineWidth?: number;
}

/** `#rrggbb` with an alpha 0–1 as an rgba() string. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}

/** The class of a property value, if the style has one. */
export function classOf(style: LayerStyle, value: unknown): StyleClass | undefined {
  if (!style.by || !style.classes || value === undefined || value === null) return undefined;
  return style.classes.find((c) => c.value === String(value));
}

/**
 * An OpenLayers style function from a catalogue style: fill by the value of `style.by` (三调
 * colours for DLTB), else the layer colour; the catalogue opacity applies to the fill only, so an
 * outline-only layer (opacity 0, e.g. XZQ) still draws its boundary. Styles are cached per colour.
 */
export function layerStyleFunction(style: LayerStyle, options: LayerStyleOptions = {}): (f: FeatureLike) => Style {
  const { outlineWidth = 1 } = options;
  const stroke = new Stroke({ color: style.outline, width: outlineWidth });
  const cache = new Map<string, Style>();
  const make = (color: string) => {
    let s = cache.get(color);
    if (!s) {
      s = new Style({ fill: style.opacity > 0 ? new Fill({ color: withAlpha(color, style.opacity) }) : undefined, stroke });
      cache.set(color, s);
    }
    return s;
  };
  return (feature) => {
    const cls = style.by ? classOf(style, feature.get(style.by)) : undefined;
    return make(cls?.color ?? style.color);
  };
}

/** Highlight of a selected feature or a drawn shape. */
export const HIGHLIGHT_STYLE = new Style({
  fill: new Fill({ color: 'rgba(0, 200, 255, 0.15)' }),
  stroke: new Stroke({ color: '#00b7ff', width: 3 }),
});
