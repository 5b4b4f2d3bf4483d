/**
 * A small, safe expression language for conditions on case data (no eval): literals (numbers,
 * 'strings', true, false, null), paths (project.landArea), comparison (== != < <= > >=),
 * `in [a, b]`, logic (&& || !) and parentheses. Parsed once when a definition is saved.
 */
export type Expr =
  | { t: 'lit'; v: number | string | boolean | null }
  | { t: 'path'; p: string[] }
  | { t: 'list'; items: Expr[] }
  | { t: 'not'; e: Expr }
  | { t: 'bin'; op: '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | 'in'; l: Expr; r: Expr };

export class ExprError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'ExprError';
  }
}

interface Tok { k: 'num' | 'str' | 'id' | 'op' | 'end'; v: string; pos: number }

const OPS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', ',', '.'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      out.push({ k: 'num', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ExprError('unterminated string', i);
      out.push({ k: 'str', v: src.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ k: 'id', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExprError(`unexpected character ${JSON.stringify(c)}`, i);
    out.push({ k: 'op', v: op, pos: i });
    i += op.length;
  }
  out.push({ k: 'end', v: '', pos: src.length });
  return out;
}

/** Parses a condition; throws ExprError with the position of the first problem. */
export function parseExpr(src: string): Expr {
  if (src.length > 500) throw new ExprError('expression longer than 500 characters', 0);
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p]!;
  const eat = (v: string) => {
    const t = peek();
    if (t.k !== 'op' || t.v !== v) throw new ExprError(`expected ${v}`, t.pos);
    p++;
  };
  let depth = 0;
  const or = (): Expr => {
    let l = and();
    while (peek().k === 'op' && peek().v === '||') { p++; l = { t: 'bin', op: '||', l, r: and() }; }
    return l;
  };
  const and = (): Expr => {
    let l = cmp();
    while (peek().k === 'op' && peek().v === '&&') { p++; l = { t: 'bin', op: '&&', l, r: cmp() }; }
    return l;
  };
  const cmp = (): Expr => {
    const l = unary();
    const t = peek();
    if (t.k === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      p++;
      return { t: 'bin', op: t.v as '==', l, r: unary() };
    }
    if (t.k === 'id' && t.v === 'in') {
      p++;
      return { t: 'bin', op: 'in', l, r: list() };
    }
    return l;
  };
  const list = (): Expr => {
    eat('[');
    const items: Expr[] = [];
    if (!(peek().k === 'op' && peek().v === ']')) {
      items.push(primary());
      while (peek().k === 'op' && peek().v === ',') { p++; items.push(primary()); }
    }
    eat(']');
    return { t: 'list', items };
  };
  const unary = (): Expr => {
    if (peek().k === 'op' && peek().v === '!') { p++; return { t: 'not', e: unary() }; }
    return primary();
  };
  const primary = (): Expr => {
    const t = peek();
    if (t.k === 'num') { p++; return { t: 'lit', v: Number(t.v) }; }
    if (t.k === 'str') { p++; return { t: 'lit', v: t.v }; }
    if (t.k === 'op' && t.v === '(') {
      if (++depth > 20) throw new ExprError('expression nested too deeply', t.pos);
      p++;
      const e = or();
      eat(')');
      depth--;
      return e;
    }
    if (t.k === 'id') {
      p++;
      if (t.v === 'true' || t.v === 'false') return { t: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { t: 'lit', v: null };
      const path = [t.v];
      while (peek().k === 'op' && peek().v === '.') {
        p++;
        const n = peek();
        if (n.k !== 'id') throw new ExprError('expected a field name after "."', n.pos);
        p++;
        path.push(n.v);
      }
      return { t: 'path', p: path };
    }
    throw new ExprError(t.k === 'end' ? 'unexpected end of expression' : `unexpected ${JSON.stringify(t.v)}`, t.pos);
  };
  const e = or();
  if (peek().k !== 'end') throw new ExprError(`unexpected ${JSON.stringify(peek().v)}`, peek().pos);
  return e;
}

type Val = number | string | boolean | null | Val[];

function lookup(data: unknown, path: string[]): Val {
  let cur: unknown = data;
  for (const k of path) {
    // Only own, plain data properties: no prototype walking (__proto__, constructor …).
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, k)) return null;
    cur = (cur as Record<string, unknown>)[k];
  }
  if (cur === undefined || typeof cur === 'object' && !Array.isArray(cur)) return null;
  return cur as Val;
}

/** Evaluates a parsed condition against case data; type mismatches compare as false. */
export function evaluate(e: Expr, data: unknown): Val {
  switch (e.t) {
    case 'lit': return e.v;
    case 'path': return lookup(data, e.p);
    case 'list': return e.items.map((i) => evaluate(i, data));
    case 'not': return !truthy(evaluate(e.e, data));
    case 'bin': {
      if (e.op === '&&') return truthy(evaluate(e.l, data)) && truthy(evaluate(e.r, data));
      if (e.op === '||') return truthy(evaluate(e.l, data)) || truthy(evaluate(e.r, data));
      const l = evaluate(e.l, data);
      const r = evaluate(e.r, data);
      if (e.op === 'in') return Array.isArray(r) && r.some((x) => x === l);
      if (e.op === '==') return l === r;
      if (e.op === '!=') return l !== r;
      if (typeof l !== typeof r || (typeof l !== 'number' && typeof l !== 'string')) return false;
      const a = l as number | string;
      const b = r as number | string;
      return e.op === '<' ? a < b : e.op === '<=' ? a <= b : e.op === '>' ? a > b : a >= b;
    }
  }
}

export function truthy(v: Val): boolean {
  return v === true || (typeof v === 'number' && v !== 0) || (typeof v === 'string' && v.length > 0) || (Array.isArray(v) && v.length > 0);
}

/** Parses and evaluates in one step (conditions are validated when saved, so this rarely throws). */
export function test(src: string, data: unknown): boolean {
  return truthy(evaluate(parseExpr(src), data));
}
