import { describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../../../src-main/shared/api';
import { ARG_VALIDATORS } from '../../../../src-main/ipc/arg-validators';
import { createDispatch, methodNames, unavailableDomain, type HandlerTable } from '../../../../src-main/ipc/registry';

/** A table whose every method is a spy returning its own name. */
function spyTable(): HandlerTable {
  const table: Record<string, Record<string, unknown>> = {};
  for (const [domain, methods] of Object.entries(API_METHODS)) {
    table[domain] = {};
    for (const method of methods) table[domain][method] = vi.fn(async () => `${domain}.${method}`);
  }
  return table as unknown as HandlerTable;
}

describe('handler registry', () => {
  it('has a validator for every method of the contract and no other', () => {
    for (const [domain, methods] of Object.entries(API_METHODS)) {
      expect(Object.keys(ARG_VALIDATORS[domain as keyof typeof ARG_VALIDATORS]).sort()).toEqual([...methods].sort());
    }
    expect(methodNames()).toContain('review.setPreferences');
    expect(methodNames()).not.toContain('jobs.subscribe');
  });

  it('calls the handler with the validated arguments', async () => {
    const table = spyTable();
    const dispatch = createDispatch(table);
    await expect(dispatch('graph.neighbourhood', [12, 2, null, 300])).resolves.toBe('graph.neighbourhood');
    expect(table.graph.neighbourhood).toHaveBeenCalledWith(12, 2, null, 300);
    await dispatch('project.openDemo', [null]);
    expect(table.project.openDemo).toHaveBeenCalledWith(undefined);
    await dispatch('review.decide', [{ left: 1, right: 2, verdict: 'accept' }]);
    expect(table.review.decide).toHaveBeenCalledWith({ left: 1, right: 2, verdict: 'accept' });
  });

  it('rejects bad arguments before the handler runs', async () => {
    const table = spyTable();
    const dispatch = createDispatch(table);
    const cases: [string, unknown][] = [
      ['graph.entity', ['1']],
      ['graph.entity', [-1]],
      ['graph.search', [3, 'x', 10]],
      ['graph.neighbourhood', [1, 9, null, 10]],
      ['graph.gallery', [{ side: 1, filter: 'all', offset: 0, limit: 1_000_000 }]],
      ['project.open', ['']],
      ['project.open', [{ path: '/x' }]],
      ['project.create', ['/x.mmea']],
      ['import.start', [{ format: 'zip', paths: {} }]],
      ['import.start', [{ format: 'rdf', paths: { file: 42 } }]],
      ['training.start', [{ epochs: 0 }]],
      ['training.start', [{ epoch: 10 }]],
      ['review.decide', [{ left: 1, right: 2, verdict: 'maybe' }]],
      ['review.calibrate', ['text-text', 1.5]],
      ['export.save', [{ format: 'csv', include: 'accepted' }]],
      ['jobs.cancel', []],
      ['dialogs.openFile', [{ title: 'x', filters: [{ name: 'a', extensions: 'mmea' }] }]],
      ['project.info', [1]],
      ['graph.entity', 'not a list'],
    ];
    for (const [method, args] of cases) {
      await expect(dispatch(method, args), `${method} ${JSON.stringify(args)}`).rejects.toMatchObject({ code: 'BAD_INPUT' });
    }
    for (const domain of Object.values(table)) {
      for (const fn of Object.values(domain as unknown as Record<string, ReturnType<typeof vi.fn>>)) expect(fn).not.toHaveBeenCalled();
    }
  });

  it('refuses names outside the contract, including prototype keys', async () => {
    const dispatch = createDispatch(spyTable());
    for (const name of ['project.constructor', 'project.__proto__', 'jobs.subscribe', 'menu.onCommand', 'project', 'toString', '', 'graph.entity.x']) {
      await expect(dispatch(name, [])).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('Unknown API method') });
    }
    await expect(dispatch(42 as unknown as string, [])).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('has every method even for a domain that is not wired in, each saying so', async () => {
    const training = unavailableDomain('training', 'Training');
    expect(Object.keys(training).sort()).toEqual([...API_METHODS.training].sort());
    await expect(training.runs()).rejects.toMatchObject({ message: expect.stringContaining('Training is not available') });
  });
});
