import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Api } from '../shared/api';
import { AppError } from '../shared/errors';
import type { JobContext, JobHub } from './job-hub';
import type { OpenProject, ProjectOpener, ProjectSession } from './session';
import type { RecentProjects } from './recent-projects';

/** The demo variants the start screen offers. */
export type DemoVariant = 'attributes' | 'image-nodes';

/** Returns the path of a ready demo project file, building it on first use (src-main/demo), with progress. */
export type DemoProvider = (variant: DemoVariant, ctx: JobContext) => Promise<string>;

/** What the project handlers need, passed in by the core. */
export interface ProjectHandlerDeps {
  session: ProjectSession;
  hub: JobHub;
  opener: ProjectOpener;
  recent: RecentProjects;
  demoProject: DemoProvider;
}

/** Api['project']: open/create/close the one project of this process, the recent list and the demo. */
export function createProjectHandlers(deps: ProjectHandlerDeps): Api['project'] {
  const { session, opener, recent } = deps;
  // Recorded once the file opened and before the session announces the change, so listeners (the menu) see it.
  const remember = async (opening: OpenProject | Promise<OpenProject>): Promise<OpenProject> => {
    const project = await opening;
    try {
      recent.add(project.path, project.info().name);
    } catch (error) {
      // A recent list that cannot be written must not stop the curator from working on the project.
      console.error('could not update the recent projects list', error);
    }
    return project;
  };
  return {
    async recent() {
      return recent.list();
    },
    async create(path, name) {
      const absolute = resolve(path);
      if (existsSync(absolute)) {
        throw new AppError('BAD_INPUT', `${absolute} already exists`, { hint: 'Pick a new file name, or open the existing project.' });
      }
      const project = await session.replace(() => remember(opener.create(absolute, name.trim())));
      return project.info();
    },
    async open(path) {
      const absolute = resolve(path);
      const project = await session.replace(() => remember(opener.open(absolute)));
      return project.info();
    },
    async openDemo(variant = 'attributes') {
      // Building the demo takes a few seconds the first time: a job, so the UI shows progress and can cancel.
      const path = await deps.hub.run('Preparing the demo project', (ctx) => deps.demoProject(variant, ctx));
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
