import type { AppErrorData } from '@shared/errors';

/** Turns whatever a transport rejected with into AppErrorData, keeping message and hint when they are there. */
export function asAppError(error: unknown): AppErrorData {
  if (error && typeof error === 'object' && 'message' in error) {
    const e = error as Partial<AppErrorData> & { message: unknown };
    const message = String(e.message);
    // Electron's ipcRenderer.invoke wraps rejections as "Error invoking remote method 'x': Error: ...".
    const cleaned = message.replace(/^Error invoking remote method '[^']+': (?:\w*Error: )?/, '');
    return {
      code: typeof e.code === 'string' ? (e.code as AppErrorData['code']) : 'INTERNAL',
      message: cleaned,
      file: typeof e.file === 'string' ? e.file : undefined,
      line: typeof e.line === 'number' ? e.line : undefined,
      hint: typeof e.hint === 'string' ? e.hint : undefined,
    };
  }
  return { code: 'INTERNAL', message: String(error) };
}

/** A one-line description of an error for a curator: where it happened, what happened. */
export function describeError(error: AppErrorData): string {
  const where = error.file ? `${error.file}${error.line ? `:${error.line}` : ''}: ` : '';
  return error.message.startsWith(where) ? error.message : where + error.message;
}

/**
 * What to do about an error: its own hint, or, for bad input that names a file (a malformed line in an import),
 * to fix that place and try again.
 */
export function hintFor(error: AppErrorData): string | undefined {
  if (error.hint) return error.hint;
  if (error.code !== 'BAD_INPUT' || !error.file) return undefined;
  const name = error.file.split(/[\\/]/).pop() || error.file;
  return `Fix ${error.line ? `line ${error.line} of ` : ''}${name} (or pick another file) and try again.`;
}
