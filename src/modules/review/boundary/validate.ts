import type { MultiPolygon, Polygon, Position } from 'geojson';
import { AppError } from '../../../core/errors.ts';
import { FormatErrors } from '../../gis/formats/index.ts';
import { bboxesOverlap, polygonsOverlap, ringBbox, ringSelfIntersections, signedArea, type Pt } from '../../gis/formats/planar.ts';
import { ReviewErrors as E } from '../errors.ts';
import type { Finding, InputParcel } from './types.ts';

const fmt = (p: Position, geographic: boolean) => (geographic ? `${p[0]!.toFixed(7)}, ${p[1]!.toFixed(7)}` : `X=${p[1]!.toFixed(3)}, Y=${p[0]!.toFixed(3)}`);

/** Throws one AppError for all problems: the first one's code and words, every problem in `problems`. */
export function failWith(problems: Finding[]): never {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new AppError(first.code, { problems: problems.slice(0, 50), zh: first.zh, ...(first.parcel ? { parcel: first.parcel } : {}) }, `${first.en}${more}`);
}

/**
 * Validates parcels read from GeoJSON, shapefiles or DXF (the boundary TXT reader validates its
 * own): rings closed where the format requires it, no repeated consecutive points (removed, with a
 * warning), at least 3 distinct points and an area, no self-intersection, no overlap between
 * parcels. Messages name the parcel, ring and point numbers and the coordinates. Returns cleaned
 * parcels; throws with every problem found.
 */
export function validateParcels(parcels: InputParcel[], opts: { requireClosed: boolean; geographic: boolean }, warnings: Finding[]): InputParcel[] {
  const errors: Finding[] = [];
  const g = opts.geographic;
  const out: InputParcel[] = [];
  const built: { n: number; label: string; parts: Pt[][][] }[] = [];
  for (const parcel of parcels) {
    const label = { zh: `第${parcel.n}个地块${parcel.name ? `（${parcel.name}）` : ''}`, en: `parcel ${parcel.n}${parcel.name ? ` (${parcel.name})` : ''}` };
    const polys = parcel.geometry.type === 'Polygon' ? [parcel.geometry.coordinates] : parcel.geometry.coordinates;
    const cleanPolys: Pt[][][] = [];
    let ok = true;
    polys.forEach((rings, pi) => {
      const cleanRings: Pt[][] = [];
      rings.forEach((ring, ri) => {
        const where = { zh: `${label.zh}第${pi + 1}部分第${ri + 1}圈`, en: `${label.en}, part ${pi + 1}, ring ${ri + 1}` };
        if (ring.length === 0) {
          errors.push({ code: E.TOO_FEW_POINTS, parcel: parcel.n, zh: `${where.zh}没有界址点`, en: `${where.en} has no points` });
          ok = false;
          return;
        }
        const first = ring[0]!, last = ring[ring.length - 1]!;
        const closed = first[0] === last[0] && first[1] === last[1];
        if (!closed && opts.requireClosed) {
          errors.push({ code: E.RING_NOT_CLOSED, parcel: parcel.n, zh: `${where.zh}未闭合：末点（${fmt(last, g)}）与首点（${fmt(first, g)}）不同`, en: `${where.en} is not closed: the last point (${fmt(last, g)}) differs from the first (${fmt(first, g)})` });
          ok = false;
          return;
        }
        const pts: Pt[] = [];
        const open = closed ? ring.slice(0, -1) : ring;
        open.forEach((p, k) => {
          const prev = pts[pts.length - 1];
          if (prev && prev[0] === p[0] && prev[1] === p[1]) {
            warnings.push({ code: E.DUPLICATE_POINTS, parcel: parcel.n, zh: `${where.zh}第${k + 1}点与上一点重复（${fmt(p, g)}），已删除`, en: `${where.en}: point ${k + 1} repeats the previous point (${fmt(p, g)}); removed` });
            return;
          }
          pts.push([p[0]!, p[1]!]);
        });
        while (pts.length > 1 && pts[0]![0] === pts[pts.length - 1]![0] && pts[0]![1] === pts[pts.length - 1]![1]) pts.pop();
        if (pts.length < 3) {
          errors.push({ code: E.TOO_FEW_POINTS, parcel: parcel.n, zh: `${where.zh}只有 ${pts.length} 个不同的界址点，至少需要 3 个`, en: `${where.en} has ${pts.length} distinct point(s); a ring needs at least 3` });
          ok = false;
          return;
        }
        const closedRing = [...pts, pts[0]!];
        const hits = ringSelfIntersections(closedRing, 3);
        for (const h of hits) {
          errors.push({
            code: FormatErrors.BOUNDARY_SELF_INTERSECTS, parcel: parcel.n,
            zh: `${where.zh}自相交：第${h.i + 1}–${h.i + 2}点之间的边与第${h.j + 1}–${((h.j + 1) % pts.length) + 1}点之间的边在（${fmt(h.at, g)}）处${h.kind === 'cross' ? '相交' : '重合或相接'}`,
            en: `${where.en} intersects itself: the edge between points ${h.i + 1}–${h.i + 2} ${h.kind === 'cross' ? 'crosses' : 'touches'} the edge between points ${h.j + 1}–${((h.j + 1) % pts.length) + 1} at (${fmt(h.at, g)})`,
          });
          ok = false;
        }
        if (hits.length) return;
        if (signedArea(closedRing) === 0) {
          errors.push({ code: E.TOO_FEW_POINTS, parcel: parcel.n, zh: `${where.zh}面积为零：界址点在一条直线上`, en: `${where.en} has no area: its points lie on one line` });
          ok = false;
          return;
        }
        // Orientation for GeoJSON (RFC 7946): shells counter-clockwise, holes clockwise.
        const ccw = signedArea(closedRing) > 0;
        cleanRings.push(ccw === (ri === 0) ? closedRing : [...closedRing].reverse());
      });
      if (cleanRings.length) cleanPolys.push(cleanRings);
    });
    if (!ok || cleanPolys.length === 0) continue;
    built.push({ n: parcel.n, label: label.zh + '|' + label.en, parts: cleanPolys });
    const geometry: Polygon | MultiPolygon = cleanPolys.length === 1 ? { type: 'Polygon', coordinates: cleanPolys[0]! } : { type: 'MultiPolygon', coordinates: cleanPolys };
    out.push({ ...parcel, geometry });
  }
  // Parcels overlapping each other (touching along an edge is fine).
  const boxes = built.map((b) => ringBbox(b.parts.flatMap((p) => p[0]!)));
  for (let i = 0; i < built.length; i++) {
    for (let j = i + 1; j < built.length; j++) {
      if (!bboxesOverlap(boxes[i]!, boxes[j]!)) continue;
      const at = built[i]!.parts.flatMap((pa) => built[j]!.parts.map((pb) => polygonsOverlap(pa, pb))).find((x) => x !== null);
      if (at) {
        const [azh, aen] = built[i]!.label.split('|') as [string, string];
        const [bzh, ben] = built[j]!.label.split('|') as [string, string];
        errors.push({ code: E.PARCELS_OVERLAP, parcel: built[i]!.n, zh: `${azh}与${bzh}在（${fmt(at, g)}）附近相互重叠`, en: `${aen} and ${ben} overlap near (${fmt(at, g)})` });
      }
    }
  }
  if (errors.length) failWith(errors);
  return out;
}
