import { describe, expect, it } from 'vitest';
import { ByteKeyTable } from '../../../../../../src-main/import/formats/lib/byte-key-table';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('ByteKeyTable', () => {
  it('gives dense indexes in order of first sight and finds them again', () => {
    const table = new ByteKeyTable();
    const line = bytes('<http://a.org/x> <http://a.org/p> <http://a.org/y> .');
    expect(table.intern(line, 1, 15)).toBe(0);
    expect(table.added).toBe(true);
    expect(table.intern(line, 35, 49)).toBe(1);
    expect(table.intern(bytes('http://a.org/x'), 0, 14)).toBe(0);
    expect(table.added).toBe(false);
    expect(table.find(bytes('http://a.org/y'), 0, 14)).toBe(1);
    expect(table.find(bytes('http://a.org/z'), 0, 14)).toBe(-1);
    expect(table.size).toBe(2);
  });

  it('tells apart keys that are prefixes of each other, the empty key and non-ASCII keys', () => {
    const table = new ByteKeyTable();
    const keys = ['http://a.org/x', 'http://a.org/xy', 'http://a.org/', '', 'http://zh.org/北京', 'http://zh.org/北', 'é', 'e\u0301'];
    keys.forEach((key, i) => expect(table.intern(bytes(key), 0, bytes(key).length)).toBe(i));
    keys.forEach((key, i) => expect(table.find(bytes(key), 0, bytes(key).length)).toBe(i));
  });

  it('keeps every key through growth (200,000 keys, slots and arena resized many times)', () => {
    const table = new ByteKeyTable();
    const n = 200_000;
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      const key = bytes(`http://bench.example.org/resource/Entity_${i}`);
      if (table.intern(key, 0, key.length) !== i) wrong++;
    }
    expect(wrong).toBe(0);
    for (let i = 0; i < n; i += 997) {
      const key = bytes(`http://bench.example.org/resource/Entity_${i}`);
      expect(table.intern(key, 0, key.length)).toBe(i);
      expect(table.added).toBe(false);
    }
    expect(table.size).toBe(n);
    const missing = bytes('http://bench.example.org/resource/Entity_200000');
    expect(table.find(missing, 0, missing.length)).toBe(-1);
  });
});
