import type { MultiPolygon, Polygon, Position } from 'geojson';
import { FormatErrors as E, type FormatProblem } from './errors.ts';
import { bboxesOverlap, pointInRing, polygonsOverlap, ringBbox, ringSelfIntersections, ringsIntersection, signedArea, type Pt } from './planar.ts';

/** A point line after axis resolution: p = [easting, northing] (GIS order). */
export interface PointRecord {
  id: string;
  ring: number;
  p: Pt;
  line: number;
}

interface RingBuild {
  no: number;
  pts: PointRecord[];
  closed: boolean;
}

export interface BuiltParcel {
  geometry: Polygon | MultiPolygon;
  /** Shell + holes per part, closed, in GIS order, for overlap checks. */
  parts: Pt[][][];
  areaM2: number;
}

/** Survey-style coordinates for messages: X = northing, Y = easting, as written in the file. */
export function xy(p: Pt): string {
  return `X=${p[1].toFixed(3)}, Y=${p[0].toFixed(3)}`;
}

function same(a: Pt, b: Pt): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Groups a parcel's points into rings, closes and cleans them, validates them and classifies them
 * into shells and holes by containment. Problems go to `errors` / `warnings`; returns null when the
 * parcel has an error that leaves no usable geometry.
 */
export function buildParcel(label: string, labelZh: string, parcelNo: number, points: PointRecord[], errors: FormatProblem[], warnings: FormatProblem[]): BuiltParcel | null {
  const report = (list: FormatProblem[], code: string, line: number | undefined, en: string, zh: string) =>
    list.push({ code, message: `${label}: ${en}`, zh: `${labelZh}：${zh}`, parcel: parcelNo, ...(line ? { line } : {}) });

  // 1. Rings: a ring ends when it returns to its first point or the ring number changes.
  const rings: RingBuild[] = [];
  for (const pt of points) {
    let cur = rings[rings.length - 1];
    if (!cur || cur.closed || cur.no !== pt.ring) {
      cur = { no: pt.ring, pts: [], closed: false };
      rings.push(cur);
    }
    const first = cur.pts[0];
    const last = cur.pts[cur.pts.length - 1];
    if (first && cur.pts.length >= 2 && (pt.id === first.id || same(pt.p, first.p))) {
      if (!same(pt.p, first.p)) {
        report(errors, E.BOUNDARY_FILE_INVALID, pt.line, `line ${pt.line}: point ${pt.id} should close ring ${pt.ring} but lies ${dist(pt.p, first.p)} m from ${first.id} (line ${first.line})`,
          `第${pt.line}行：界址点 ${pt.id} 应闭合第${pt.ring}圈，但与第${first.line}行的 ${first.id} 相距 ${dist(pt.p, first.p)} 米`);
      }
      cur.closed = true;
      continue;
    }
    if (last && same(pt.p, last.p)) {
      report(warnings, 'BOUNDARY_DUPLICATE_POINT', pt.line, `line ${pt.line}: point ${pt.id} repeats the previous point ${last.id} (${xy(pt.p)}); dropped`,
        `第${pt.line}行：界址点 ${pt.id} 与上一点 ${last.id} 坐标相同（${xy(pt.p)}），已删除`);
      continue;
    }
    cur.pts.push(pt);
  }

  // 2. Close, count, self-intersection.
  let usable = true;
  const closedRings: { no: number; ring: Pt[]; pts: PointRecord[] }[] = [];
  for (const r of rings) {
    const firstLine = r.pts[0]?.line;
    if (!r.closed && r.pts.length >= 3) {
      report(warnings, 'BOUNDARY_RING_NOT_CLOSED', firstLine, `ring ${r.no} (from line ${firstLine}) did not return to ${r.pts[0]!.id}; closed it`,
        `第${r.no}圈（第${firstLine}行起）未回到起点 ${r.pts[0]!.id}，已自动闭合`);
    }
    if (r.pts.length < 3) {
      report(errors, E.BOUNDARY_TOO_FEW_POINTS, firstLine, `ring ${r.no} (from line ${firstLine}) has ${r.pts.length} distinct point${r.pts.length === 1 ? '' : 's'}; a ring needs at least 3`,
        `第${r.no}圈（第${firstLine}行起）只有 ${r.pts.length} 个不同的界址点，至少需要 3 个`);
      usable = false;
      continue;
    }
    const ring = [...r.pts.map((p) => p.p), r.pts[0]!.p];
    const hits = ringSelfIntersections(ring, 3);
    for (const h of hits) {
      const a = r.pts[h.i]!, b = r.pts[(h.i + 1) % r.pts.length]!, c = r.pts[h.j]!, d = r.pts[(h.j + 1) % r.pts.length]!;
      const how = h.kind === 'cross' ? 'crosses' : h.kind === 'overlap' ? 'runs along' : 'touches';
      report(errors, E.BOUNDARY_SELF_INTERSECTS, a.line, `ring ${r.no}: edge ${a.id}–${b.id} (line ${a.line}) ${how} edge ${c.id}–${d.id} (line ${c.line}) at ${xy(h.at)}`,
        `第${r.no}圈：边 ${a.id}–${b.id}（第${a.line}行）与边 ${c.id}–${d.id}（第${c.line}行）在 ${xy(h.at)} 处${h.kind === 'cross' ? '相交' : '重合或相接'}`);
      usable = false;
    }
    if (hits.length) continue;
    if (signedArea(ring) === 0) {
      report(errors, E.BOUNDARY_TOO_FEW_POINTS, firstLine, `ring ${r.no} (from line ${firstLine}) has no area: its points lie on one line`,
        `第${r.no}圈（第${firstLine}行起）面积为零：界址点在一条直线上`);
      usable = false;
      continue;
    }
    closedRings.push({ no: r.no, ring, pts: r.pts });
  }
  if (!usable || closedRings.length === 0) return null;

  // 3. Shells and holes by containment: ring 1 (or the first ring) is a shell; later rings inside a
  //    shell are holes, others are further parts.
  const firstNo = closedRings.some((r) => r.no === 1) ? 1 : closedRings[0]!.no;
  const parts: { shell: (typeof closedRings)[number]; holes: (typeof closedRings)[number][] }[] = [];
  for (const r of closedRings) {
    if (r.no === firstNo) {
      parts.push({ shell: r, holes: [] });
      continue;
    }
    let placed = false;
    for (const part of parts) {
      const hit = ringsIntersection(r.ring, part.shell.ring, true);
      if (hit) {
        const a = r.pts[hit.i]!, c = part.shell.pts[hit.j]!;
        report(errors, E.BOUNDARY_SELF_INTERSECTS, a.line, `ring ${r.no} meets ring ${part.shell.no} near edge ${a.id} (line ${a.line}) / ${c.id} (line ${c.line}) at ${xy(hit.at)}`,
          `第${r.no}圈与第${part.shell.no}圈在 ${xy(hit.at)} 处相交或相接（第${a.line}行 ${a.id} / 第${c.line}行 ${c.id} 附近）`);
        return null;
      }
      if (pointInRing(r.ring[0]!, part.shell.ring) === 1) {
        part.holes.push(r);
        placed = true;
        break;
      }
    }
    if (!placed) parts.push({ shell: r, holes: [] });
  }

  // 4. Orientation for GeoJSON (RFC 7946): shells counter-clockwise, holes clockwise.
  const orient = (ring: Pt[], ccw: boolean) => (signedArea(ring) > 0 === ccw ? ring : [...ring].reverse());
  const polys: Pt[][][] = parts.map((part) => [orient(part.shell.ring, true), ...part.holes.map((h) => orient(h.ring, false))]);
  const areaM2 = polys.reduce((s, poly) => s + Math.abs(signedArea(poly[0]!)) - poly.slice(1).reduce((t, h) => t + Math.abs(signedArea(h)), 0), 0);
  const coords = polys.map((poly) => poly.map((ring) => ring.map((p) => [p[0], p[1]] as Position)));
  const geometry: Polygon | MultiPolygon = coords.length === 1 ? { type: 'Polygon', coordinates: coords[0]! } : { type: 'MultiPolygon', coordinates: coords };
  return { geometry, parts: polys, areaM2 };
}

function dist(a: Pt, b: Pt): string {
  return Math.hypot(a[0] - b[0], a[1] - b[1]).toFixed(3);
}

/** Reports every pair of parcels whose areas overlap (touching along an edge is fine). */
export function checkOverlaps(parcels: { label: string; labelZh: string; n: number; built: BuiltParcel }[], errors: FormatProblem[]): void {
  const boxes = parcels.map((p) => ringBbox(p.built.parts.flatMap((part) => part[0]!)));
  for (let i = 0; i < parcels.length; i++) {
    for (let j = i + 1; j < parcels.length; j++) {
      if (!bboxesOverlap(boxes[i]!, boxes[j]!)) continue;
      const a = parcels[i]!, b = parcels[j]!;
      for (const pa of a.built.parts) {
        const at = b.built.parts.map((pb) => polygonsOverlap(pa, pb)).find((x) => x !== null);
        if (at) {
          errors.push({
            code: E.BOUNDARY_PARCELS_OVERLAP,
            message: `${a.label} and ${b.label} overlap near ${xy(at)}`,
            zh: `${a.labelZh}与${b.labelZh}在 ${xy(at)} 附近相互重叠`,
            parcel: a.n,
          });
          break;
        }
      }
    }
  }
}
