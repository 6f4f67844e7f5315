import { describe, expect, it } from 'vitest';
import { hintFor } from '../../../../src-renderer/api/errors';

describe('hintFor', () => {
  it("keeps the back end's hint", () => {
    expect(hintFor({ code: 'IO', message: 'Cannot write /x/out.nt', hint: 'Pick a folder you can write to.' })).toBe('Pick a folder you can write to.');
  });

  it('tells the curator to fix the named line of a malformed file', () => {
    expect(hintFor({ code: 'BAD_INPUT', message: 'RDF syntax error', file: '/data/in/broken.nt', line: 3 })).toBe('Fix line 3 of broken.nt (or pick another file) and try again.');
    expect(hintFor({ code: 'BAD_INPUT', message: 'not JSON', file: 'C:\\data\\names.json' })).toBe('Fix names.json (or pick another file) and try again.');
  });

  it('invents nothing for other errors', () => {
    expect(hintFor({ code: 'BAD_INPUT', message: 'give either one file or graph1/graph2' })).toBeUndefined();
    expect(hintFor({ code: 'INTERNAL', message: 'boom', file: '/x' })).toBeUndefined();
  });
});
