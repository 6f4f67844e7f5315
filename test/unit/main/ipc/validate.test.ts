import { describe, expect, it } from 'vitest';
import { args, arrayOf, bool, filePath, int, nullable, num, object, oneOf, optional, recordOf, str } from '../../../../src-main/ipc/validate';
import { AppError } from '../../../../src-main/shared/errors';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('validators', () => {
  it('check primitive types and ranges, naming the argument path', () => {
    expect(int(0, 10)(3, 'x')).toBe(3);
    expect(errorOf(() => int(0, 10)(3.5, 'args[0]')).message).toBe('args[0] must be an integer, got 3.5');
    expect(errorOf(() => int(0, 10)(11, 'a')).message).toContain('between 0 and 10');
    expect(errorOf(() => num()(Number.NaN, 'a')).message).toContain('finite number');
    expect(errorOf(() => num()('1', 'a')).message).toContain('got a string');
    expect(errorOf(() => bool(1, 'flag')).code).toBe('BAD_INPUT');
    expect(errorOf(() => str({ max: 3 })('abcd', 's')).message).toContain('at most 3');
    expect(errorOf(() => str({ min: 1 })('', 's')).message).toBe('s must not be empty');
    expect(errorOf(() => filePath('a\u0000b', 'p')).message).toContain('NUL');
    expect(errorOf(() => oneOf(['a', 'b'] as const)('c', 'k')).message).toBe('k must be one of "a", "b"');
  });

  it('treat null as absent for optional values (JSON turns undefined into null in arrays)', () => {
    expect(optional(int())(null, 'x')).toBeUndefined();
    expect(optional(int())(undefined, 'x')).toBeUndefined();
    expect(nullable(int())(null, 'x')).toBeNull();
    expect(() => nullable(int())(undefined, 'x')).toThrow(AppError);
  });

  it('refuse unknown object keys, non-plain objects and oversized collections', () => {
    const v = object<{ a: number; b?: string }>({ a: int(), b: optional(str()) });
    expect(v({ a: 1 }, 'o')).toEqual({ a: 1 });
    expect(errorOf(() => v({ a: 1, c: 2 }, 'o')).message).toBe('o.c is not a known field');
    expect(errorOf(() => v({ a: 'x' }, 'o')).message).toContain('o.a must be a finite number');
    expect(errorOf(() => v([1], 'o')).message).toContain('must be an object');
    expect(errorOf(() => v(new Date(), 'o')).message).toContain('must be an object');
    expect(errorOf(() => arrayOf(int(), 2)([1, 2, 3], 'l')).message).toContain('at most 2 items');
    expect(errorOf(() => arrayOf(int())([1, 'x'], 'l')).message).toContain('l[1]');
    expect(errorOf(() => recordOf(str(), 1)({ a: 'x', b: 'y' }, 'r')).message).toContain('at most 1 entries');
    const parsed = recordOf(int())(JSON.parse('{"__proto__": 1}'), 'r');
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(parsed.__proto__).toBe(1);
  });

  it('check argument lists: too many refused, missing optional ones allowed', () => {
    const v = args(int(), optional(str()));
    expect(v([1], 'm')).toEqual([1, undefined]);
    expect(errorOf(() => v([1, 'a', 2], 'm')).message).toContain('at most 2 argument(s)');
    expect(errorOf(() => v([], 'm')).message).toContain('m[0] must be a finite number');
    expect(errorOf(() => v('x', 'm')).message).toContain('argument list');
  });
});
