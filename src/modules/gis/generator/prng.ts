// Seeded randomness for the county generator. Math.random is never used: the same seed must give
// the same county byte for byte, so every random choice comes from here.

/** sfc32 stream seeded from a 32-bit seed and a stream tag (so layers draw independent streams). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9 ^ seed;
    this.b = 0x243f6a88 ^ Math.imul(stream + 1, 0x85ebca6b);
    this.c = 0xb7e15162 ^ Math.imul(seed, 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** Stateless 32-bit hash of a few integers (for per-feature choices that must not depend on order). */
export function hash32(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h = Math.imul(h ^ (x | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  h = Math.imul(h ^ (h >>> 16), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/** hash32 mapped to [0, 1). */
export function hashUnit(...xs: number[]): number {
  return hash32(...xs) / 4294967296;
}

/** Picks a key from weighted options with u in [0, 1). */
export function pickWeighted<T>(u: number, options: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of options) total += w;
  let x = u * total;
  for (const [v, w] of options) {
    if (x < w) return v;
    x -= w;
  }
  return options[options.length - 1]![0];
}

/**
 * Smooth value noise (fractal sum of bilinear-smoothstep lattice noise), deterministic per seed.
 * Input in kilometres, output roughly in [0, 1].
 */
export class Noise {
  constructor(
    private readonly seed: number,
    private readonly wavelengthKm: number,
    private readonly octaves = 4,
  ) {}

  private lattice(ix: number, iy: number, o: number): number {
    return hashUnit(this.seed, o, ix, iy);
  }

  private octave(x: number, y: number, o: number): number {
    const ix = Math.floor(x);
    const iy = Math.floor(y);
    const fx = x - ix;
    const fy = y - iy;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const a = this.lattice(ix, iy, o);
    const b = this.lattice(ix + 1, iy, o);
    const c = this.lattice(ix, iy + 1, o);
    const d = this.lattice(ix + 1, iy + 1, o);
    return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
  }

  at(xKm: number, yKm: number): number {
    let sum = 0;
    let norm = 0;
    let amp = 1;
    let f = 1 / this.wavelengthKm;
    for (let o = 0; o < this.octaves; o++) {
      sum += amp * this.octave(xKm * f + o * 17.31, yKm * f - o * 9.77, o);
      norm += amp;
      amp *= 0.5;
      f *= 2.03;
    }
    return sum / norm;
  }
}
