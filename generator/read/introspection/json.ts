/**
 * A strict JSON reader that remembers where every object and array starts.
 *
 * `JSON.parse` gives no positions, and the legacy tolerant reader repairs text, which a
 * machine-written `query-qmp-schema` reply never needs: here anything that is not JSON is an
 * error at its line and column. Iterative (an explicit stack), so deep nesting cannot overflow
 * the call stack; linear in the input.
 */

export interface JsonPlace {
  /** 1-based. */
  line: number;
  column: number;
}

export type JsonReadResult =
  | { ok: true; value: unknown; places: WeakMap<object, JsonPlace> }
  | { ok: false; message: string; place: JsonPlace };

/** Deeper nesting than this is refused (introspection is at most 2–3 levels deep). */
export const MAX_JSON_DEPTH = 512;

class JsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Frame {
  container: unknown[] | Record<string, unknown>;
  /** For objects: the key whose value is being read. */
  key?: string;
}

/** Read `text` as JSON. Never throws. */
export function readJsonWithPlaces(text: string): JsonReadResult {
  // line starts, for offset → line:col
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const placeOf = (offset: number): JsonPlace => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  const places = new WeakMap<object, JsonPlace>();
  let i = 0;
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const describe = (at: number) => (at >= text.length ? 'end of input' : JSON.stringify(text.slice(at, at + 12)));

  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new JsonError('bad \\u escape in a string', i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new JsonError('bad escape in a string', i);
        continue;
      }
      if (c < 32) throw new JsonError('control character in a string', i);
      i++;
    }
    throw new JsonError('unterminated string', start);
  };

  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  const readScalar = (): unknown => {
    const c = text[i];
    if (c === '"') return readString();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return Number(m[0]);
    }
    throw new JsonError(`expected a JSON value, found ${describe(i)}`, i);
  };

  try {
    const stack: Frame[] = [];
    let root: unknown;
    let haveRoot = false;
    /** Put a finished value into its container (or make it the root). */
    const put = (value: unknown) => {
      const top = stack[stack.length - 1];
      if (!top) {
        root = value;
        haveRoot = true;
      } else if (Array.isArray(top.container)) top.container.push(value);
      else Object.defineProperty(top.container, top.key!, { value, enumerable: true, writable: true, configurable: true });
    };
    /** Read a value; containers are opened and pushed, scalars put. */
    const value = () => {
      ws();
      const c = text[i];
      if (c === '{' || c === '[') {
        if (stack.length >= MAX_JSON_DEPTH) throw new JsonError(`nested deeper than ${MAX_JSON_DEPTH} levels`, i);
        const container: unknown[] | Record<string, unknown> = c === '[' ? [] : {};
        places.set(container, placeOf(i));
        i++;
        put(container);
        stack.push({ container });
        ws();
        if (text[i] === (c === '[' ? ']' : '}')) {
          i++;
          stack.pop();
          return;
        }
        if (c === '{') key();
        else value();
        return;
      }
      put(readScalar());
    };
    const key = () => {
      ws();
      if (text[i] !== '"') throw new JsonError(`expected a member name, found ${describe(i)}`, i);
      const k = readString();
      ws();
      if (text[i] !== ':') throw new JsonError(`expected ":" after a member name, found ${describe(i)}`, i);
      i++;
      stack[stack.length - 1]!.key = k;
      value();
    };

    value();
    // after each value: a comma (then the next member/element) or the closing bracket
    while (stack.length > 0) {
      ws();
      const top = stack[stack.length - 1]!;
      const close = Array.isArray(top.container) ? ']' : '}';
      if (text[i] === ',') {
        i++;
        if (Array.isArray(top.container)) value();
        else key();
      } else if (text[i] === close) {
        i++;
        stack.pop();
      } else {
        throw new JsonError(`expected "," or "${close}", found ${describe(i)}`, i);
      }
    }
    ws();
    if (!haveRoot) throw new JsonError('no JSON value', i);
    if (i < text.length) throw new JsonError(`text after the JSON value: ${describe(i)}`, i);
    return { ok: true, value: root, places };
  } catch (error) {
    if (error instanceof JsonError) return { ok: false, message: error.message, place: placeOf(Math.min(error.offset, text.length)) };
    throw error;
  }
}
