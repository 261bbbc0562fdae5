// Vega's expressions under a strict CSP, compiled once into closures rather than walked again for
// every datum. vega-interpreter (the CSP-safe evaluator vega-embed is given with `ast: true`) walks
// an expression's syntax tree on each call and, on each call, makes a fresh evaluator, a fresh
// function table (`Object.create(fn)`) and six closures for the event functions: for a chart's
// encoders that is once per item per redraw, so a curve of 3,500 points spent most of its dataflow
// (and its garbage collection) there, in one main-thread task of hundreds of milliseconds.
//
// Here each syntax tree becomes a tree of closures when the chart is parsed, and a call allocates
// nothing but the arguments of the functions it calls. No `eval`, no `new Function`: the same
// strict CSP holds. Semantics are vega-interpreter 2.3's, node for node (interpret.js there), with
// the same safeguards: a member or object property holding `Function`, `eval`, `setTimeout` or
// `setInterval` is refused (logged, undefined), and so are the keys vega-util disallows on objects.
// Functions are looked up when called, on the view's function table, as there; the event functions
// (`view`, `item`, `group`, `xy`, `x`, `y`) go to the event being handled. Event streams and event
// handlers (a pointer move, a few calls) keep vega-interpreter's own evaluator: nothing to gain.
// tests/src/specs/vega-expr.test.ts draws every element's charts both ways and compares the SVG.
import { expressionInterpreter } from 'vega-interpreter';
import { DisallowedObjectProperties } from 'vega';
import { FAST_FUNCTIONS } from './vega-expr-functions.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Vega's expression ASTs and items
type Any = any;

/** What an expression sees while it runs. */
interface Scope {
  params: Any;
  datum: Any;
  event: Any;
  item: Any;
}

type Compiled = (s: Scope) => unknown;

/** vega-interpreter's constants (constants.js); looked up with `||`, as there (so NaN falls through). */
const CONSTANTS: Record<string, number> = {
  NaN: NaN,
  E: Math.E,
  LN2: Math.LN2,
  LN10: Math.LN10,
  LOG2E: Math.LOG2E,
  LOG10E: Math.LOG10E,
  PI: Math.PI,
  SQRT1_2: Math.SQRT1_2,
  SQRT2: Math.SQRT2,
  MIN_VALUE: Number.MIN_VALUE,
  MAX_VALUE: Number.MAX_VALUE,
};

const BINARY: Record<string, (a: Any, b: Any) => unknown> = {
  '*': (a, b) => a * b,
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a == b, // the expression language's own loose equality
  '!=': (a, b) => a != b,
  '===': (a, b) => a === b,
  '!==': (a, b) => a !== b,
  '&': (a, b) => a & b,
  '|': (a, b) => a | b,
  '^': (a, b) => a ^ b,
  '<<': (a, b) => a << b,
  '>>': (a, b) => a >> b,
  '>>>': (a, b) => a >>> b,
};

const UNARY: Record<string, (a: Any) => unknown> = {
  '+': (a) => +a,
  '-': (a) => -a,
  '~': (a) => ~a,
  '!': (a) => !a,
};

const EVENT_FUNCTIONS = new Set(['view', 'item', 'group', 'xy', 'x', 'y']);
const DISALLOWED: Set<unknown> = new Set([Function, eval, setTimeout, setInterval]);
if (typeof setImmediate === 'function') DISALLOWED.add(setImmediate);

function compileNode(n: Any, fn: Any, table: Any): Compiled {
  switch (n.type) {
    case 'Literal': {
      if (n.regex && n.value && (n.value.global || n.value.sticky)) {
        const { pattern, flags } = n.regex;
        return () => new RegExp(pattern, flags);
      }
      const value = n.value;
      return () => value;
    }
    case 'Identifier': {
      const id: string = n.name;
      if (id === 'datum') return (s) => s.datum;
      if (id === 'event') return (s) => s.event;
      if (id === 'item') return (s) => s.item;
      const constant = CONSTANTS[id];
      const key = `$${id}`;
      return (s) => constant || s.params[key];
    }
    case 'MemberExpression': {
      const object = compileNode(n.object, fn, table);
      // A property named outright (a.b) is its name; a computed one (a[b]) is evaluated.
      const property: Compiled = n.computed ? compileNode(n.property, fn, table) : memberName(n.property);
      return (s) => {
        const o = object(s) as Any;
        const p = property(s) as Any;
        const v = o[p];
        // Only functions are refused: a value of another type needs no lookup.
        if (typeof v === 'function' && DISALLOWED.has(v)) {
          console.error(
            `Prevented interpretation of member "${p}" which could lead to insecure code execution`,
          );
          return undefined;
        }
        return v;
      };
    }
    case 'CallExpression': {
      let name: string = n.callee.name;
      if (name.startsWith('_')) name = name.slice(1);
      const args: Compiled[] = n.arguments.map((a: Any) => compileNode(a, fn, table));
      if (name === 'if') {
        const [test, yes, no] = args as [Compiled, Compiled, Compiled];
        return (s) => (test(s) ? yes(s) : no(s));
      }
      if (EVENT_FUNCTIONS.has(name))
        return (s) => (s.event.vega[name] as (...a: unknown[]) => unknown)(...args.map((a) => a(s)));
      const builtIn = FAST_FUNCTIONS[name] ?? viaInterpreter(name, fn, args.length);
      const lookup = () => (fn[name] || builtIn) as (...a: unknown[]) => unknown;
      // Up to three arguments without an array (an encoder's scale(name, value) is called per item).
      const [a0, a1, a2] = args;
      switch (args.length) {
        case 0:
          return () => lookup().call(table);
        case 1:
          return (s) => lookup().call(table, a0!(s));
        case 2:
          return (s) => {
            const x = a0!(s);
            return lookup().call(table, x, a1!(s));
          };
        case 3:
          return (s) => {
            const x = a0!(s);
            const y = a1!(s);
            return lookup().call(table, x, y, a2!(s));
          };
        default:
          return (s) =>
            lookup().apply(
              table,
              args.map((a) => a(s)),
            );
      }
    }
    case 'ArrayExpression': {
      const elements: Compiled[] = n.elements.map((e: Any) => compileNode(e, fn, table));
      return (s) => elements.map((e) => e(s));
    }
    case 'BinaryExpression': {
      const op = BINARY[n.operator]!;
      const left = compileNode(n.left, fn, table);
      const right = compileNode(n.right, fn, table);
      return (s) => op(left(s), right(s));
    }
    case 'UnaryExpression': {
      const op = UNARY[n.operator]!;
      const argument = compileNode(n.argument, fn, table);
      return (s) => op(argument(s));
    }
    case 'ConditionalExpression': {
      const test = compileNode(n.test, fn, table);
      const yes = compileNode(n.consequent, fn, table);
      const no = compileNode(n.alternate, fn, table);
      return (s) => (test(s) ? yes(s) : no(s));
    }
    case 'LogicalExpression': {
      const left = compileNode(n.left, fn, table);
      const right = compileNode(n.right, fn, table);
      return n.operator === '&&' ? (s) => left(s) && right(s) : (s) => left(s) || right(s);
    }
    case 'ObjectExpression': {
      const props = (n.properties as Any[]).map((p) => ({
        key: memberName(p.key),
        value: compileNode(p.value, fn, table),
      }));
      return (s) => {
        const o: Record<string, unknown> = {};
        for (const p of props) {
          const k = p.key(s) as string;
          const v = p.value(s);
          if (DisallowedObjectProperties.has(k))
            console.error(
              `Prevented interpretation of property "${k}" which could lead to insecure code execution`,
            );
          else if (typeof v === 'function' && DISALLOWED.has(v))
            console.error(
              `Prevented interpretation of method "${k}" which could lead to insecure code execution`,
            );
          else o[k] = v;
        }
        return o;
      };
    }
    default:
      throw new Error(`Unsupported expression node: ${String(n.type)}`);
  }
}

/**
 * vega-interpreter's own function `name` (one the view's table lacks: a date or string function),
 * called through it: the arguments go in as `datum[0]`, `datum[1]`, ...
 */
function viaInterpreter(name: string, fn: Any, arity: number): (...values: unknown[]) => unknown {
  const argument = (i: number) => ({
    type: 'MemberExpression',
    computed: true,
    object: { type: 'Identifier', name: 'datum' },
    property: { type: 'Literal', value: i },
  });
  const ast = {
    type: 'CallExpression',
    callee: { type: 'Identifier', name },
    arguments: Array.from({ length: arity }, (_, i) => argument(i)),
  };
  const call = (expressionInterpreter.parameter as (ctx: Any, expr: Any) => (d: Any, p: Any) => unknown)(
    { functions: fn },
    { ast },
  );
  return (...values) => call(values, {});
}

/** A name in member position (a.b, {b: ...}): an identifier's name, or a literal's value. */
function memberName(n: Any): Compiled {
  if (n.type === 'Identifier') {
    const name: string = n.name;
    return () => name;
  }
  // vega-interpreter evaluates other keys with its member depth raised, which only changes what an
  // identifier means: a literal is itself.
  return compileNode(n, {}, {});
}

/**
 * Compiles `ast` against the view's function table `fn`. Functions are called with `this` an object
 * inheriting from the table, as vega-interpreter calls them (they read `this.context`).
 */
function compile(ast: Any, fn: Any): Compiled {
  return compileNode(ast, fn, Object.create(fn));
}

/** Sets `item`'s spatial fields from x2/xc/y2/yc as vega-interpreter does (adjust-spatial.js). */
function adjustSpatial(item: Any, encode: Any, swap: boolean): void {
  let t;
  if (encode.x2) {
    if (encode.x) {
      if (swap && item.x > item.x2) {
        t = item.x;
        item.x = item.x2;
        item.x2 = t;
      }
      item.width = item.x2 - item.x;
    } else item.x = item.x2 - (item.width || 0);
  }
  if (encode.xc) item.x = item.xc - (item.width || 0) / 2;
  if (encode.y2) {
    if (encode.y) {
      if (swap && item.y > item.y2) {
        t = item.y;
        item.y = item.y2;
        item.y2 = t;
      }
      item.height = item.y2 - item.y;
    } else item.y = item.y2 - (item.height || 0);
  }
  if (encode.yc) item.y = item.yc - (item.height || 0) / 2;
}

/** Vega's `expr` option: vega-interpreter's interface, with operators, parameters and encoders compiled. */
export const compiledExpressions = {
  ...expressionInterpreter,

  operator(ctx: Any, expr: Any) {
    const f = compile(expr.ast, ctx.functions);
    return (params: Any) => f({ params, datum: undefined, event: undefined, item: undefined });
  },

  parameter(ctx: Any, expr: Any) {
    const f = compile(expr.ast, ctx.functions);
    return (datum: Any, params: Any) => f({ params, datum, event: undefined, item: undefined });
  },

  encode(ctx: Any, encode: Any) {
    const { marktype, channels } = encode;
    const swap = marktype === 'group' || marktype === 'image' || marktype === 'rect';
    const names = Object.keys(channels);
    const fs = names.map((name) => compile(channels[name].ast, ctx.functions));
    // One scope for every item (an encoder runs to its end before the next item).
    const s: Scope = { params: undefined, datum: undefined, event: undefined, item: undefined };
    return (item: Any, params: Any) => {
      s.params = params;
      s.datum = item.datum;
      s.item = item;
      let m = 0;
      for (let i = 0; i < names.length; i++) {
        const v = fs[i]!(s);
        if (item[names[i]!] !== v) {
          item[names[i]!] = v;
          m = 1;
        }
      }
      if (marktype !== 'rule') adjustSpatial(item, channels, swap);
      return m;
    };
  },
};
