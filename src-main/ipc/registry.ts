import { API_METHODS, type Api } from '../shared/api';
import { AppError } from '../shared/errors';
import type { ApiMethodName, RoutedDomain } from '../shared/transport';
import { ARG_VALIDATORS } from './arg-validators';
import type { Validator } from './validate';

/**
 * Every routed method of the Api, per domain: what both the Electron ipcMain binding and the WebSocket server
 * expose. jobs.subscribe is not here: each transport pushes job events its own way.
 */
export type HandlerTable = { [D in RoutedDomain]: D extends 'jobs' ? Omit<Api['jobs'], 'subscribe'> : Api[D] };

/** Calls one routed method by name with unvalidated arguments. */
export type Dispatch = (method: string, args: unknown) => Promise<unknown>;

/** The routed method names, "domain.method", in API_METHODS order. */
export function methodNames(): ApiMethodName[] {
  return (Object.keys(API_METHODS) as (keyof typeof API_METHODS)[]).flatMap((domain) =>
    API_METHODS[domain].map((method) => `${domain}.${method}` as ApiMethodName),
  );
}

const KNOWN = new Set<string>(methodNames());

/**
 * The single entry point of both transports: checks that the method is part of the contract, validates the
 * arguments with that method's validator, then calls the handler. Unknown names (including prototype keys such as
 * "project.constructor") never reach an object lookup.
 */
export function createDispatch(table: HandlerTable): Dispatch {
  return async (method, args) => {
    if (typeof method !== 'string' || !KNOWN.has(method)) {
      throw new AppError('BAD_INPUT', `Unknown API method ${JSON.stringify(method)}`);
    }
    const [domain, name] = method.split('.') as [keyof HandlerTable, string];
    const validators = ARG_VALIDATORS[domain] as Record<string, Validator<unknown[]>>;
    const valid = validators[name](args, method);
    const handlers = table[domain] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    return handlers[name](...valid);
  };
}

/**
 * A domain whose back end is not part of this build: every method rejects with a message saying so. Used for a
 * domain until its handlers are wired in, so the table (and thus both transports) always has every method.
 */
export function unavailableDomain<D extends keyof HandlerTable>(domain: D, what: string): HandlerTable[D] {
  const out: Record<string, () => Promise<never>> = {};
  for (const method of API_METHODS[domain] as readonly string[]) {
    out[method] = async () => {
      throw new AppError('INTERNAL', `${what} is not available in this build (${domain}.${method})`);
    };
  }
  return out as unknown as HandlerTable[D];
}
