import { describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '../../../../../src-main/import/formats';

describe('IMPORT_FORMATS', () => {
  it('registers every format under its own id, with roles and consistent options', () => {
    expect(Object.keys(IMPORT_FORMATS).sort()).toEqual(['id-layout', 'image-features', 'image-files', 'mmkg', 'openea', 'rdf']);
    for (const [id, format] of Object.entries(IMPORT_FORMATS)) {
      expect(format.id).toBe(id);
      expect(format.roles.length).toBeGreaterThan(0);
      expect(new Set(format.roles.map((r) => r.role)).size).toBe(format.roles.length);
      for (const option of format.options ?? []) {
        if (option.values && option.default !== undefined) expect(option.values).toContain(option.default);
      }
    }
  });
});
