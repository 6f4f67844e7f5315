import { AppError } from '../shared/errors';
import type { ProjectInfo } from '../shared/dto';
import type { ProjectStore } from '../project/project-store';

/** One image row of the open project, as the image protocol needs it. */
export interface ImageRecord {
  id: number;
  /** Where the original lives: a path (absolute, or relative to one of `imageRoots`), a URL, or a key. */
  source: string;
  mime: string | null;
  thumbnail: Uint8Array | null;
}

/**
 * The open project as the handlers see it: the store (for the graph queries and other domains' repositories) plus
 * what the image protocol needs. Built from a ProjectStore by project-opener.ts.
 */
export interface OpenProject {
  readonly path: string;
  /** Random per opening: image URLs carry it, so a URL from a project that was closed never shows another's image. */
  readonly key: string;
  readonly store: ProjectStore;
  info(): ProjectInfo;
  /** The image row with this id in this project, or null. */
  image(imageId: number): ImageRecord | null;
  /** Folders that the project's images were imported from; originals are only ever read from inside these. */
  imageRoots(): string[];
  close(): void;
}

/** Opens or creates project files (each shell builds one with the image URL scheme it serves). */
export interface ProjectOpener {
  open(path: string): OpenProject | Promise<OpenProject>;
  create(path: string, name: string): OpenProject | Promise<OpenProject>;
}

/**
 * The one project open in this process. Opening another closes the current one first; both transports and every
 * domain's handlers read the project from here, so they always agree on which file is open.
 */
export class ProjectSession {
  private project: OpenProject | null = null;
  private readonly listeners = new Set<(project: OpenProject | null) => void>();

  /** @param busy returns the titles of jobs that still use the project (opening or closing then waits or refuses). */
  constructor(private readonly busy: () => string[] = () => []) {}

  current(): OpenProject | null {
    return this.project;
  }

  /** The open project, or NOT_FOUND telling the curator to open one. */
  require(): OpenProject {
    if (!this.project) throw new AppError('NOT_FOUND', 'No project is open', { hint: 'Open a project, create one, or open the demo.' });
    return this.project;
  }

  /** Replaces the open project by what `open` returns; the current one is closed only once the new one opened. */
  async replace(open: () => OpenProject | Promise<OpenProject>): Promise<OpenProject> {
    this.assertIdle();
    const next = await open();
    const previous = this.project;
    this.project = next;
    if (previous && previous !== next) previous.close();
    this.emit();
    return next;
  }

  /** Closes the open project, if any; `force` skips the running-jobs check (on quit). */
  close(force = false): void {
    if (!this.project) return;
    if (!force) this.assertIdle();
    const previous = this.project;
    this.project = null;
    previous.close();
    this.emit();
  }

  /** Called with the new project (or null) whenever it changes. */
  onChange(listener: (project: OpenProject | null) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private assertIdle(): void {
    const jobs = this.busy();
    if (jobs.length > 0) {
      throw new AppError('BUSY', `The project is in use by: ${jobs.join(', ')}`, { hint: 'Wait for the job to finish or cancel it first.' });
    }
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener(this.project);
  }
}
