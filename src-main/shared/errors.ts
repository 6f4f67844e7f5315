/** Error codes a curator can act on; every layer throws AppError so the UI can show what to do next. */
export type AppErrorCode =
  | 'BAD_INPUT' // a malformed file or argument: file/line/reason are set
  | 'NOT_A_PROJECT' // the file is not an MMEA Studio project
  | 'FROM_THE_FUTURE' // the project was written by a newer version of the app
  | 'ALREADY_IMPORTED' // the same data was imported before
  | 'NOT_FOUND'
  | 'CANCELLED'
  | 'IO' // the file system refused (permissions, disk full, missing folder)
  | 'WORKER_CRASHED'
  | 'BUSY' // a running job holds the project (e.g. opening another project during an import)
  | 'INTERNAL';

/** What crosses IPC/WebSocket when something fails: plain data, no stack traces for the curator. */
export interface AppErrorData {
  code: AppErrorCode;
  message: string;
  file?: string;
  line?: number;
  hint?: string;
}

/** An error with a code and, for bad input, the file and line that caused it. */
export class AppError extends Error implements AppErrorData {
  readonly code: AppErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly hint?: string;

  constructor(code: AppErrorCode, message: string, extra: { file?: string; line?: number; hint?: string; cause?: unknown } = {}) {
    super(extra.file ? `${extra.file}${extra.line ? `:${extra.line}` : ''}: ${message}` : message, { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    this.file = extra.file;
    this.line = extra.line;
    this.hint = extra.hint;
  }

  toData(): AppErrorData {
    return { code: this.code, message: this.message, file: this.file, line: this.line, hint: this.hint };
  }
}

/** Bad input at a known place: "file:line: reason". */
export function badInput(file: string, line: number | undefined, reason: string): AppError {
  return new AppError('BAD_INPUT', reason, { file, line });
}

/** Turns anything thrown into the data form, keeping AppError details. */
export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  if (error && typeof error === 'object' && 'code' in error && 'message' in error && typeof (error as AppErrorData).code === 'string') {
    const e = error as AppErrorData;
    if (isAppErrorCode(e.code)) return { code: e.code, message: e.message, file: e.file, line: e.line, hint: e.hint };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

const CODES: ReadonlySet<string> = new Set<AppErrorCode>([
  'BAD_INPUT', 'NOT_A_PROJECT', 'FROM_THE_FUTURE', 'ALREADY_IMPORTED', 'NOT_FOUND', 'CANCELLED', 'IO', 'WORKER_CRASHED', 'BUSY', 'INTERNAL',
]);

function isAppErrorCode(code: string): code is AppErrorCode {
  return CODES.has(code);
}
