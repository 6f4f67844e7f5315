/**
 * IPC channel names shared by the preload and the main process. Every routed method has its own invoke channel,
 * `api:<domain.method>`, so the main process registers exactly the contract's methods and nothing else.
 */
import type { ApiMethodName } from '../shared/transport';
import type { AppErrorData } from '../shared/errors';

/** Prefix of the per-method invoke channels. */
export const INVOKE_PREFIX = 'api:';
/** Main -> renderer: every job's progress. */
export const JOB_PROGRESS_CHANNEL = 'jobs:progress';
/** Main -> renderer: every job's outcome. */
export const JOB_OUTCOME_CHANNEL = 'jobs:outcome';
/** Main -> renderer: native menu commands (Api.menu). */
export const MENU_COMMAND_CHANNEL = 'menu:command';

/** The invoke channel of one method. */
export function invokeChannel(method: ApiMethodName): string {
  return `${INVOKE_PREFIX}${method}`;
}

/**
 * What an invoke returns. Electron turns a rejected handler into a generic Error whose message embeds the text,
 * losing the code, file, line and hint; an envelope keeps AppErrorData intact and the preload rejects with it.
 */
export type InvokeEnvelope = { ok: true; result: unknown } | { ok: false; error: AppErrorData };
