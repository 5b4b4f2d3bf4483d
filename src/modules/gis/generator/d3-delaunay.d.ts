// Minimal typings for the parts of d3-delaunay (which ships none) that the county generator uses.
declare module 'd3-delaunay' {
  export class Delaunay<P = [number, number]> {
    constructor(points: ArrayLike<number>);
    readonly points: ArrayLike<number>;
    readonly triangles: Uint32Array;
    readonly halfedges: Int32Array;
    readonly hull: Uint32Array;
    readonly inedges: Int32Array;
    find(x: number, y: number, i?: number): number;
    neighbors(i: number): Iterable<number>;
    voronoi(bounds?: [number, number, number, number]): Voronoi<P>;
  }
  export class Voronoi<P = [number, number]> {
    readonly delaunay: Delaunay<P>;
    readonly circumcenters: Float64Array;
    readonly vectors: Float64Array;
    readonly xmin: number;
    readonly ymin: number;
    readonly xmax: number;
    readonly ymax: number;
    cellPolygon(i: number): [number, number][] | null;
  }
}
