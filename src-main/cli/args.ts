import { AppError } from '../shared/errors';

/** Parsed `--key value` / `--flag` / positional arguments. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/** A small, strict parser: unknown options are errors so typos never pass silently. */
export function parseArgs(args: string[], known: { flags?: string[]; values?: string[] }): ParsedArgs {
  const flags = new Set(known.flags ?? []);
  const values = new Set(known.values ?? []);
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (flags.has(key)) {
      options.set(key, true);
    } else if (values.has(key)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) throw new AppError('BAD_INPUT', `--${key} needs a value`);
      options.set(key, value);
    } else {
      throw new AppError('BAD_INPUT', `unknown option --${key}`);
    }
  }
  return { positional, options };
}

/** A numeric option with a range check. */
export function numberOption(parsed: ParsedArgs, key: string, fallback: number, min = -Infinity, max = Infinity): number {
  const raw = parsed.options.get(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isFinite(value) || value < min || value > max) {
    throw new AppError('BAD_INPUT', `--${key} must be a number between ${min} and ${max}`);
  }
  return value;
}

export function stringOption(parsed: ParsedArgs, key: string): string | undefined {
  const raw = parsed.options.get(key);
  return typeof raw === 'string' ? raw : undefined;
}
