import { defineStore } from 'pinia';
import { computed, readonly, ref } from 'vue';
import type { ImportPreview, ImportRequest, ProjectInfo, RecentProject } from '@shared/dto';
import type { JobOutcome } from '@shared/progress';
import { useApi } from '../api';
import { useJobsStore } from './jobs';
import { useUiStore } from './ui';

/** The open project, the recent list, and the import wizard's back-end calls. */
export const useProjectStore = defineStore('project', () => {
  const info = ref<ProjectInfo | null>(null);
  const recent = ref<RecentProject[]>([]);
  const opening = ref(false);
  const importJob = ref<string | null>(null);

  const isOpen = computed(() => info.value !== null);
  const hasGold = computed(() => (info.value?.gold.total ?? 0) > 0);

  /** Loads what the back end has open (after a reload) and the recent list. */
  async function load(): Promise<void> {
    const api = useApi();
    try {
      const [current, list] = await Promise.all([api.project.info(), api.project.recent()]);
      info.value = current;
      recent.value = list;
    } catch (error) {
      useUiStore().reportError(error);
    }
  }

  async function withOpening(action: () => Promise<ProjectInfo>): Promise<boolean> {
    opening.value = true;
    try {
      info.value = await action();
      recent.value = await useApi().project.recent().catch(() => recent.value);
      useUiStore().go('overview');
      return true;
    } catch (error) {
      useUiStore().reportError(error);
      return false;
    } finally {
      opening.value = false;
    }
  }

  /** Opens a project file. */
  function open(path: string): Promise<boolean> {
    return withOpening(() => useApi().project.open(path));
  }

  /** Opens (a copy of) the demo project. */
  function openDemo(variant: 'attributes' | 'image-nodes'): Promise<boolean> {
    return withOpening(() => useApi().project.openDemo(variant));
  }

  /** Creates an empty project at `path`. */
  function create(path: string, name: string): Promise<boolean> {
    return withOpening(() => useApi().project.create(path, name));
  }

  /** Re-reads the counts (after an import, a training run or decisions). */
  async function refresh(): Promise<void> {
    try {
      info.value = await useApi().project.info();
    } catch (error) {
      useUiStore().reportError(error);
    }
  }

  /** Takes a project the main process opened or closed itself (the native menu). */
  function adopt(next: ProjectInfo | null): void {
    info.value = next;
    void useApi().project.recent().then((list) => (recent.value = list), () => undefined);
    useUiStore().go(next ? 'overview' : 'start');
  }

  /** Closes the project and returns to the start view. */
  async function close(): Promise<void> {
    try {
      await useApi().project.close();
      info.value = null;
      useUiStore().go('start');
    } catch (error) {
      useUiStore().reportError(error);
    }
  }

  /** Reads the first lines of the chosen files; null (and a notice) when the files are unreadable. */
  async function previewImport(request: ImportRequest): Promise<ImportPreview | null> {
    try {
      return await useApi().import.preview(request);
    } catch (error) {
      useUiStore().reportError(error);
      return null;
    }
  }

  /** Runs an import to its end; resolves with the outcome (progress shows in the jobs store). */
  async function runImport(request: ImportRequest): Promise<JobOutcome | null> {
    const jobs = useJobsStore();
    try {
      const { jobId } = await useApi().import.start(request);
      importJob.value = jobId;
      jobs.track(jobId, `Importing ${request.format}`, 'import');
      const outcome = await jobs.wait(jobId);
      if (outcome.status === 'done') await refresh();
      return outcome;
    } catch (error) {
      useUiStore().reportError(error);
      return null;
    } finally {
      importJob.value = null;
    }
  }

  return {
    info: readonly(info), recent: readonly(recent), opening: readonly(opening), importJob: readonly(importJob),
    isOpen, hasGold, load, open, openDemo, create, refresh, close, adopt, previewImport, runImport,
  };
});
