import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useUiStore } from '../../../../src-renderer/stores/ui';
import { describeError } from '../../../../src-renderer/api/errors';

describe('ui store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('keeps errors until dismissed but lets confirmations fade', () => {
    const ui = useUiStore();
    ui.reportError({ code: 'BAD_INPUT', message: 'bad id', file: 'ent_ids_1', line: 7, hint: 'Fix line 7.' });
    ui.inform('Saved.');
    expect(ui.notices.map((n) => n.tone)).toEqual(['error', 'info']);
    vi.advanceTimersByTime(4500);
    expect(ui.notices.map((n) => n.tone)).toEqual(['error']);
    expect(describeError(ui.notices[0].error!)).toBe('ent_ids_1:7: bad id');
    ui.dismiss(ui.notices[0].id);
    expect(ui.notices).toEqual([]);
  });

  it('shows a cancelled job as information, not as an error', () => {
    const ui = useUiStore();
    ui.reportError({ code: 'CANCELLED', message: 'Training cancelled' });
    expect(ui.notices[0]).toMatchObject({ tone: 'info', text: 'Training cancelled' });
  });

  it('cleans Electron wrappers off messages and keeps unknown throwables readable', () => {
    const ui = useUiStore();
    expect(ui.reportError(new Error("Error invoking remote method 'project.open': Error: No project file at /x"))).toMatchObject({ code: 'INTERNAL', message: 'No project file at /x' });
    expect(ui.reportError('boom')).toEqual({ code: 'INTERNAL', message: 'boom' });
  });

  it('hands a menu request to the view once', () => {
    const ui = useUiStore();
    ui.ask('help');
    expect(ui.consume('new-project')).toBe(false);
    expect(ui.consume('help')).toBe(true);
    expect(ui.consume('help')).toBe(false);
  });
});
