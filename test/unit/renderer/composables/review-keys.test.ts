import { describe, expect, it } from 'vitest';
import { REVIEW_KEYS, reviewAction } from '../../../../src-renderer/composables/review-keys';

const press = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) =>
  reviewAction({ key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('review keys', () => {
  it('maps the documented single keys to their actions', () => {
    expect(['a', 'r', 'u', 's', 'z', '/', '?'].map((k) => press(k))).toEqual(['accept', 'reject', 'unsure', 'skip', 'undo', 'search', 'help']);
    expect(press('Z', { shiftKey: true })).toBe('redo');
    expect(['j', 'ArrowDown', 'ArrowRight'].map((k) => press(k))).toEqual(['next', 'next', 'next']);
    expect(['k', 'ArrowUp', 'ArrowLeft'].map((k) => press(k))).toEqual(['previous', 'previous', 'previous']);
  });

  it('leaves browser shortcuts and other keys alone', () => {
    expect(press('z', { ctrlKey: true })).toBeNull();
    expect(press('r', { metaKey: true })).toBeNull();
    expect(press('x')).toBeNull();
  });

  it('shows every action it handles on screen', () => {
    const shown = new Set(REVIEW_KEYS.map((k) => k.action));
    for (const action of ['accept', 'reject', 'unsure', 'skip', 'undo', 'redo', 'next', 'previous', 'search', 'help']) expect(shown.has(action as never)).toBe(true);
  });
});
