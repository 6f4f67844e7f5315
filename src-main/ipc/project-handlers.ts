import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Api } from '../shared/api';
import { AppError } from '../shared/errors';
import type { ProjectOpener, ProjectSession } from './session';
import type { RecentProjects } from './recent-projects';

/** The demo variants the start screen offers. */
export type DemoVariant = 'attributes' | 'image-nodes';

export interface ProjectHandlerDeps {
  session: ProjectSession;
  opener: ProjectOpener;
  recent: RecentProjects;
  /** Returns the path of a ready demo project file (built on first use); from src-main/demo. */
  demoProject: (variant: DemoVariant) => Promise<string>;
}

/** Api['project']: open/create/close the one project of this process, the recent list and the demo. */
export function createProjectHandlers(deps: ProjectHandlerDeps): Api['project'] {
  const { session, opener, recent } = deps;
  return {
    async recent() {
      return recent.list();
    },
    async create(path, name) {
      const absolute = resolve(path);
      if (existsSync(absolute)) {
        throw new AppError('BAD_INPUT', `${absolute} already exists`, { hint: 'Pick a new file name, or open the existing project.' });
      }
      const project = await session.replace(() => opener.create(absolute, name.trim()));
      const info = project.info();
      recent.add(absolute, info.name);
      return info;
    },
    async open(path) {
      const absolute = resolve(path);
      const project = await session.replace(() => opener.open(absolute));
      const info = project.info();
      recent.add(absolute, info.name);
      return info;
    },
    async openDemo(variant = 'attributes') {
      const path = await deps.demoProject(variant);
      // The demo is always one click away on the start screen, so it stays out of the recent list.
      const project = await session.replace(() => opener.open(path));
      return project.info();
    },
    async info() {
      return session.current()?.info() ?? null;
    },
    async close() {
      session.close();
    },
  };
}
