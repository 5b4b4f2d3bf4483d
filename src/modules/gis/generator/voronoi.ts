// Voronoi cells on the integer grid. Cell vertices are the triangulation's circumcentres rounded
// once, so two neighbouring cells carry the very same numbers on their shared edge.
import { Delaunay, type Voronoi } from 'd3-delaunay';
import { circumcentre } from './clip.ts';
import { type Ring, cleanRing, ringArea2, reverseRing } from './geom.ts';

export interface Diagram {
  delaunay: Delaunay;
  voronoi: Voronoi;
  count: number;
}

/** Builds the diagram of points (flat [x0, y0, …] grid coordinates) inside bounds. */
export function buildDiagram(points: Float64Array, bounds: [number, number, number, number]): Diagram {
  const delaunay = new Delaunay(points);
  return { delaunay, voronoi: delaunay.voronoi(bounds), count: points.length / 2 };
}

/** The cell of point i as a counter-clockwise grid ring, or null when it is degenerate. */
export function cellRing(d: Diagram, i: number): Ring | null {
  const { voronoi } = d;
  const { circumcenters, vectors, xmin, ymin, xmax, ymax } = voronoi;
  const { inedges, halfedges, triangles, points } = d.delaunay;
  let raw: number[] | null = null;
  if (vectors[4 * i] === 0 && vectors[4 * i + 1] === 0) {
    // Interior cell: walk the triangles around the point (as d3's own _cell does).
    const e0 = inedges[i]!;
    if (e0 === -1) return null;
    raw = [];
    let e = e0;
    let inside = true;
    do {
      const t = Math.floor(e / 3);
      const x = circumcenters[2 * t]!;
      const y = circumcenters[2 * t + 1]!;
      if (x < xmin || x > xmax || y < ymin || y > ymax) inside = false;
      // Our own canonical circumcentre, so cell corners match the clipper's vertices exactly.
      const [cx, cy] = circumcentre(points, triangles[3 * t]!, triangles[3 * t + 1]!, triangles[3 * t + 2]!);
      raw.push(cx, cy);
      e = e % 3 === 2 ? e - 2 : e + 1;
      if (triangles[e] !== i) break;
      e = halfedges[e]!;
    } while (e !== e0 && e !== -1);
    if (!inside) raw = null;
  }
  if (!raw) {
    const poly = voronoi.cellPolygon(i);
    if (!poly) return null;
    raw = [];
    for (let k = 0; k < poly.length - 1; k++) raw.push(Math.round(poly[k]![0]), Math.round(poly[k]![1]));
  }
  const ring = cleanRing(raw);
  if (!ring) return null;
  return ringArea2(ring) < 0 ? reverseRing(ring) : ring;
}
