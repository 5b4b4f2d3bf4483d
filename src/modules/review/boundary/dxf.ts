import * as dxfParser from 'dxf-parser';

// dxf-parser ships CommonJS with an ES-module shape in its types: take the class from either.
type ParserClass = new () => { parseSync(text: string): unknown };
const m = dxfParser as unknown as { DxfParser?: ParserClass; default?: ParserClass & { DxfParser?: ParserClass } };
const DxfParser: ParserClass = m.DxfParser ?? m.default?.DxfParser ?? m.default!;
import type { Polygon } from 'geojson';
import { AppError } from '../../../core/errors.ts';
import { pointInRing, signedArea, type Pt } from '../../gis/formats/planar.ts';
import { ReviewErrors as E } from '../errors.ts';
import type { Finding } from './types.ts';

interface Vertex { x: number; y: number; bulge?: number }
interface PolylineEntity { type: string; layer: string; shape?: boolean; vertices?: Vertex[]; handle?: string | number }

/** Layer names that usually hold the project boundary (用地红线) in Chinese CAD drawings. */
const BOUNDARY_LAYER = /红线|用地|界址|^HX$|^YDHX|redline|boundary/i;

/**
 * Reads the project boundary from a DXF drawing: the closed LWPOLYLINE / POLYLINE entities of one
 * layer — the named one, else the only layer with closed polylines, else the one named like 红线 /
 * 用地红线 / HX. Rings inside other rings become holes. Coordinates are returned as drawn (x = the
 * drawing's x); the caller decides the CRS by magnitude. Arcs (bulges) are read as straight edges,
 * with a warning.
 */
export function readDxfPolygons(text: string, wantedLayer: string | undefined, warnings: Finding[]): { layer: string; polygons: Polygon[] } {
  let dxf: { entities?: PolylineEntity[] } | null;
  try {
    dxf = new DxfParser().parseSync(text) as unknown as { entities?: PolylineEntity[] } | null;
  } catch (err) {
    throw new AppError(E.DXF_INVALID, {}, `the DXF cannot be parsed: ${(err as Error).message.slice(0, 200)}`);
  }
  const polylines = (dxf?.entities ?? []).filter((e) => (e.type === 'LWPOLYLINE' || e.type === 'POLYLINE') && (e.vertices?.length ?? 0) > 0);
  const isClosed = (e: PolylineEntity) => {
    const v = e.vertices!;
    return e.shape === true || (v.length > 3 && v[0]!.x === v[v.length - 1]!.x && v[0]!.y === v[v.length - 1]!.y);
  };
  const closedLayers = [...new Set(polylines.filter(isClosed).map((e) => e.layer))];
  let layer = wantedLayer;
  if (layer === undefined) {
    if (closedLayers.length === 1) layer = closedLayers[0]!;
    else {
      const named = closedLayers.filter((l) => BOUNDARY_LAYER.test(l));
      if (named.length === 1) layer = named[0]!;
      else if (closedLayers.length === 0) {
        const open = polylines[0];
        if (open) {
          const v = open.vertices!;
          throw new AppError(E.RING_NOT_CLOSED, { layer: open.layer }, `the polyline on layer "${open.layer}" is not closed: it ends at (${v[v.length - 1]!.x}, ${v[v.length - 1]!.y}) but starts at (${v[0]!.x}, ${v[0]!.y})`);
        }
        throw new AppError(E.DXF_NO_CLOSED_POLYLINE, { layers: [] }, 'the drawing holds no closed polyline');
      } else throw new AppError(E.DXF_LAYER_AMBIGUOUS, { layers: closedLayers }, `layers with closed polylines: ${closedLayers.join(', ')}; name one as dxfLayer`);
    }
  }
  const onLayer = polylines.filter((e) => e.layer === layer);
  const closed = onLayer.filter(isClosed);
  if (closed.length === 0) {
    const open = onLayer[0];
    if (open) {
      const v = open.vertices!;
      throw new AppError(E.RING_NOT_CLOSED, { layer }, `the polyline on layer "${layer}" is not closed: it ends at (${v[v.length - 1]!.x}, ${v[v.length - 1]!.y}) but starts at (${v[0]!.x}, ${v[0]!.y})`);
    }
    throw new AppError(E.DXF_NO_CLOSED_POLYLINE, { layer, layers: closedLayers }, `layer "${layer}" holds no closed polyline (layers with closed polylines: ${closedLayers.join(', ') || 'none'})`);
  }
  if (onLayer.length > closed.length) {
    warnings.push({ code: 'DXF_OPEN_POLYLINES_IGNORED', zh: `图层“${layer}”上有 ${onLayer.length - closed.length} 条未闭合的多段线，已忽略`, en: `${onLayer.length - closed.length} open polyline(s) on layer "${layer}" were ignored` });
  }
  if (closed.some((e) => e.vertices!.some((v) => v.bulge))) {
    warnings.push({ code: 'DXF_ARCS_AS_CHORDS', zh: '多段线中的圆弧段按弦（直线）处理', en: 'Arc segments (bulges) of the polylines were read as straight chords' });
  }
  const rings: Pt[][] = closed.map((e) => {
    const pts = e.vertices!.map((v) => [v.x, v.y] as Pt);
    const f = pts[0]!, l = pts[pts.length - 1]!;
    if (f[0] !== l[0] || f[1] !== l[1]) pts.push([f[0], f[1]]);
    return pts;
  });
  // Shells are the rings inside no other ring; a ring inside a shell is its hole.
  const sorted = rings.map((r, i) => ({ r, i, a: Math.abs(signedArea(r)) })).sort((a, b) => b.a - a.a);
  const polygons: { shell: Pt[]; holes: Pt[][] }[] = [];
  for (const { r } of sorted) {
    const owner = polygons.find((p) => pointInRing(r[0]!, p.shell) === 1 && !p.holes.some((h) => pointInRing(r[0]!, h) === 1));
    if (owner) owner.holes.push(r);
    else polygons.push({ shell: r, holes: [] });
  }
  return { layer: layer!, polygons: polygons.map((p) => ({ type: 'Polygon', coordinates: [p.shell, ...p.holes] })) };
}
