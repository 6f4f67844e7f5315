import { AppError } from '../shared/errors';

/**
 * Small validators for arguments that cross IPC or the WebSocket. The renderer is untrusted as far as the main
 * process is concerned, so every argument is checked for type, range and size before a handler sees it; a
 * failure is AppError('BAD_INPUT') naming the argument path ("args[0].paths.dir") and the reason.
 */
export type Validator<T> = (value: unknown, path: string) => T;

/** Throws the BAD_INPUT error every validator uses. */
export function reject(path: string, reason: string): never {
  throw new AppError('BAD_INPUT', `${path} ${reason}`, { hint: 'This is a bug in the caller: the request was refused before it did anything.' });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `a string` : `${typeof value}`;
}

/** A string of bounded length; `path` strings also refuse NUL bytes (which truncate paths in native code). */
export function str(options: { min?: number; max?: number; path?: boolean } = {}): Validator<string> {
  const min = options.min ?? 0;
  const max = options.max ?? 10_000;
  return (value, path) => {
    if (typeof value !== 'string') reject(path, `must be a string, got ${describe(value)}`);
    if (value.length < min) reject(path, min === 1 ? 'must not be empty' : `must have at least ${min} characters`);
    if (value.length > max) reject(path, `must have at most ${max} characters`);
    if (options.path && value.includes('\u0000')) reject(path, 'must not contain NUL characters');
    return value;
  };
}

/** A file-system path as typed or picked by the curator. */
export const filePath = str({ min: 1, max: 4096, path: true });

/** A finite number in [min, max]. */
export function num(min = -Number.MAX_VALUE, max = Number.MAX_VALUE): Validator<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) reject(path, `must be a finite number, got ${describe(value)}`);
    if (value < min || value > max) reject(path, `must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

/** An integer in [min, max] (safe integers only). */
export function int(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Validator<number> {
  const inner = num(min, max);
  return (value, path) => {
    const n = inner(value, path);
    if (!Number.isInteger(n)) reject(path, `must be an integer, got ${n}`);
    return n;
  };
}

/** true or false, nothing truthy. */
export const bool: Validator<boolean> = (value, path) => {
  if (typeof value !== 'boolean') reject(path, `must be true or false, got ${describe(value)}`);
  return value;
};

/** One of a fixed set of primitive values. */
export function oneOf<const T extends readonly (string | number)[]>(values: T): Validator<T[number]> {
  return (value, path) => {
    if (!values.includes(value as T[number])) reject(path, `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
    return value as T[number];
  };
}

/** Absent, or valid. JSON turns `undefined` into `null` inside arrays, so null also counts as absent. */
export function optional<T>(inner: Validator<T>): Validator<T | undefined> {
  return (value, path) => (value === undefined || value === null ? undefined : inner(value, path));
}

/** null, or valid (undefined is refused: the argument is required). */
export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (value, path) => (value === null ? null : inner(value, path));
}

/** An array of at most `max` valid items. */
export function arrayOf<T>(item: Validator<T>, max = 10_000): Validator<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) reject(path, `must be an array, got ${describe(value)}`);
    if (value.length > max) reject(path, `must have at most ${max} items`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

type Shape<T> = { [K in keyof T]-?: Validator<T[K]> };

/** A plain object with exactly the given keys (unknown keys are refused, so typos never pass silently). */
export function object<T extends object>(shape: Shape<T>): Validator<T> {
  const keys = Object.keys(shape) as (keyof T & string)[];
  return (value, path) => {
    if (!isPlainObject(value)) reject(path, `must be an object, got ${describe(value)}`);
    for (const key of Object.keys(value)) {
      if (!(key in shape)) reject(`${path}.${key}`, 'is not a known field');
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const v = (shape[key] as Validator<unknown>)(value[key], `${path}.${key}`);
      if (v !== undefined) out[key] = v;
    }
    return out as T;
  };
}

/** A plain object used as a map from bounded string keys to valid values. */
export function recordOf<T>(item: Validator<T>, maxKeys = 100): Validator<Record<string, T>> {
  return (value, path) => {
    if (!isPlainObject(value)) reject(path, `must be an object, got ${describe(value)}`);
    const entries = Object.entries(value);
    if (entries.length > maxKeys) reject(path, `must have at most ${maxKeys} entries`);
    const out: Record<string, T> = Object.create(null) as Record<string, T>;
    for (const [key, v] of entries) {
      if (key.length === 0 || key.length > 200) reject(path, `has a key of bad length`);
      out[key] = item(v, `${path}.${key}`);
    }
    return out;
  };
}

/** Either of two validators (the first that accepts wins). */
export function either<A, B>(a: Validator<A>, b: Validator<B>, expected: string): Validator<A | B> {
  return (value, path) => {
    try {
      return a(value, path);
    } catch {
      try {
        return b(value, path);
      } catch {
        return reject(path, `must be ${expected}`);
      }
    }
  };
}

/** The argument list of one method: at most as many as declared, missing ones only where optional. */
export function args<T extends unknown[]>(...items: { [K in keyof T]: Validator<T[K]> }): Validator<T> {
  return (value, path) => {
    if (!Array.isArray(value)) reject(path, 'must be an argument list');
    if (value.length > items.length) reject(path, `takes at most ${items.length} argument(s), got ${value.length}`);
    return items.map((item, i) => (item as Validator<unknown>)(value[i], `${path}[${i}]`)) as T;
  };
}
