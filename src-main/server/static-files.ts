import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { isInside } from '../ipc/image-resolver';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file of the built renderer, ready to send. */
export interface StaticFile {
  bytes: Buffer;
  type: string;
  /** Vite's hashed assets never change under the same name, so they may be cached for long. */
  immutable: boolean;
}

/**
 * Reads `urlPath` from the built renderer folder. "/" is index.html; anything that decodes to a path outside
 * the folder (../, encoded %2e%2e, absolute paths, NUL bytes) or is not a regular file gives null.
 */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\u0000') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(join(base, relative));
  if (!isInside(base, full) || full === base) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
    return {
      bytes: await readFile(full),
      type: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream',
      immutable: /[/\\]assets[/\\]/.test(full.slice(base.length)),
    };
  } catch {
    return null;
  }
}
