import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RecentProject } from '../shared/dto';

/** How many projects the Open Recent list keeps. */
export const MAX_RECENT = 10;

/**
 * The recent-projects list, a small JSON file in the app's data folder (Electron's userData, or the server's data
 * folder). A missing or damaged file is an empty list: losing the list must never stop the app from starting.
 */
export class RecentProjects {
  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Most recent first; projects whose file has disappeared are left out. */
  list(): RecentProject[] {
    return this.read().filter((p) => existsSync(p.path));
  }

  /** Moves (or adds) a project to the top of the list. */
  add(path: string, name: string): RecentProject[] {
    const absolute = resolve(path);
    const entry: RecentProject = { path: absolute, name, openedAt: this.now().toISOString() };
    const next = [entry, ...this.read().filter((p) => p.path !== absolute)].slice(0, MAX_RECENT);
    this.write(next);
    return next;
  }

  remove(path: string): void {
    const absolute = resolve(path);
    this.write(this.read().filter((p) => p.path !== absolute));
  }

  clear(): void {
    this.write([]);
  }

  private read(): RecentProject[] {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return [];
    }
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (p): p is RecentProject =>
        !!p && typeof p === 'object' && typeof p.path === 'string' && typeof p.name === 'string' && typeof p.openedAt === 'string',
    );
  }

  private write(list: RecentProject[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    // Write then rename, so a crash mid-write leaves the old list rather than half a JSON file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(list, null, 2)}\n`);
    renameSync(tmp, this.file);
  }
}
