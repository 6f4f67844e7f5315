import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProjectStore } from '../project/project-store';
import type { ImageUrlFn } from '../project/repositories/image-repository';
import type { ImportLogEntry } from '../shared/dto';
import type { OpenProject, ProjectOpener } from './session';

/**
 * Opens real project files through the ProjectStore. `urlFor(key)` gives the image URL function of the calling
 * shell for one opening of a project (the key is fresh each time a project is opened).
 */
export function storeOpener(urlFor: (key: string) => ImageUrlFn): ProjectOpener {
  return {
    open(path) {
      const key = newKey();
      return wrapStore(ProjectStore.open(path, { imageUrl: urlFor(key) }), key);
    },
    create(path, name) {
      const key = newKey();
      return wrapStore(ProjectStore.create(path, name, { imageUrl: urlFor(key) }), key);
    },
  };
}

function newKey(): string {
  return randomBytes(6).toString('hex');
}

/** The OpenProject view of a store opened with image URLs carrying `key`. */
export function wrapStore(store: ProjectStore, key: string): OpenProject {
  return {
    path: store.path,
    key,
    store,
    info: () => store.info(),
    image(imageId) {
      const row = store.images.byId(imageId);
      return row ? { id: row.id, source: row.source, mime: row.mime, thumbnail: row.thumbnail } : null;
    },
    imageRoots: () => imageRootsOf(store.imports.list()),
    close: () => store.close(),
  };
}

/**
 * The folders originals may be read from: the folder of every image-files import (its `dir` role). Nothing else
 * on disk is reachable through the image protocol, whatever a project file's image rows say.
 */
export function imageRootsOf(imports: ImportLogEntry[]): string[] {
  const roots = new Set<string>();
  for (const entry of imports) {
    if (entry.format !== 'image-files') continue;
    for (const candidate of sourcePaths(entry.source)) {
      const full = resolve(candidate);
      if (existsSync(full) && statSync(full).isDirectory()) roots.add(full);
    }
  }
  return [...roots];
}

/**
 * The paths of an import-log source: the import service writes "role=path, role=path"; the `dir` role is the
 * image folder. A plain path (one-file imports) is taken as is.
 */
export function sourcePaths(source: string): string[] {
  const parts = source.split(/, (?=[A-Za-z_][\w-]*=)/);
  const pairs = parts.map((p) => /^([A-Za-z_][\w-]*)=(.*)$/s.exec(p)).filter((m): m is RegExpExecArray => m !== null);
  if (pairs.length === parts.length && pairs.length > 0) return pairs.filter((m) => m[1] === 'dir').map((m) => m[2]);
  return [source];
}
