import { defineStore } from 'pinia';
import { readonly, ref } from 'vue';
import type { AppErrorData } from '@shared/errors';
import { asAppError } from '../api/errors';

/** The views of the navigation rail, in rail order. */
export type ViewId = 'start' | 'overview' | 'graph' | 'gallery' | 'training' | 'review' | 'export';

/** A message shown in the notice area: an error with what to do next, or a short confirmation. */
export interface Notice {
  id: number;
  tone: 'error' | 'info';
  error?: AppErrorData;
  text: string;
}

/** One-shot requests to a view: focus the new-project form, open the import wizard, show the review keys. */
export type UiRequest = 'new-project' | 'import' | 'help';

/** Navigation and the notice area shared by every view. */
export const useUiStore = defineStore('ui', () => {
  const view = ref<ViewId>('start');
  const notices = ref<Notice[]>([]);
  /** A one-shot request for the view about to show (from the native menu, or the new-project form). */
  const request = ref<UiRequest | null>(null);
  let nextId = 1;

  /** Asks a view to do something once it shows; the view calls `consume` when done. */
  function ask(what: UiRequest): void {
    request.value = what;
  }

  /** Takes the pending request if it is `what`. */
  function consume(what: UiRequest): boolean {
    if (request.value !== what) return false;
    request.value = null;
    return true;
  }

  /** Shows a view. */
  function go(target: ViewId): void {
    view.value = target;
  }

  /** Shows an error with its hint; returns the normalised error so callers can branch on its code. */
  function reportError(error: unknown): AppErrorData {
    const data = asAppError(error);
    // A cancelled job is the curator's own choice, not an error to show in red.
    if (data.code === 'CANCELLED') {
      inform(data.message || 'Cancelled.');
      return data;
    }
    notices.value = [...notices.value.slice(-4), { id: nextId++, tone: 'error', error: data, text: data.message }];
    return data;
  }

  /** Shows a short confirmation that fades on its own. */
  function inform(text: string): void {
    const id = nextId++;
    notices.value = [...notices.value.slice(-4), { id, tone: 'info', text }];
    setTimeout(() => dismiss(id), 4000);
  }

  /** Removes one notice. */
  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  return { view: readonly(view), notices: readonly(notices), request: readonly(request), go, reportError, inform, dismiss, ask, consume };
});
