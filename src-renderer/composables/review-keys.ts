import { onBeforeUnmount, onMounted } from 'vue';

/** What a key does in the review queue. */
export type ReviewAction = 'accept' | 'reject' | 'unsure' | 'skip' | 'undo' | 'redo' | 'next' | 'previous' | 'search' | 'help' | 'escape';

/** The keys shown on screen and in the help overlay, in display order. */
export const REVIEW_KEYS: { keys: string[]; action: ReviewAction; label: string }[] = [
  { keys: ['a'], action: 'accept', label: 'accept' },
  { keys: ['r'], action: 'reject', label: 'reject' },
  { keys: ['u'], action: 'unsure', label: 'unsure' },
  { keys: ['s'], action: 'skip', label: 'skip' },
  { keys: ['z'], action: 'undo', label: 'undo' },
  { keys: ['⇧Z'], action: 'redo', label: 'redo' },
  { keys: ['j', '↓'], action: 'next', label: 'next' },
  { keys: ['k', '↑'], action: 'previous', label: 'previous' },
  { keys: ['/'], action: 'search', label: 'search' },
  { keys: ['?'], action: 'help', label: 'help' },
];

/** Maps a key press to an action; null for keys the queue does not use or presses with Ctrl/Alt/Meta. */
export function reviewAction(e: { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): ReviewAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  switch (e.key) {
    case 'a': return 'accept';
    case 'r': return 'reject';
    case 'u': return 'unsure';
    case 's': return 'skip';
    case 'z': return 'undo';
    case 'Z': return 'redo';
    case 'j': case 'ArrowDown': case 'ArrowRight': return 'next';
    case 'k': case 'ArrowUp': case 'ArrowLeft': return 'previous';
    case '/': return 'search';
    case '?': return 'help';
    case 'Escape': return 'escape';
    default: return null;
  }
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Listens for review keys on the window while the view is mounted. Keys typed into a field are left alone, except
 * Escape, which leaves the field so the next key is a command again.
 */
export function useReviewKeys(handle: (action: ReviewAction) => void): void {
  function onKey(event: KeyboardEvent): void {
    const action = reviewAction(event);
    if (!action) return;
    if (typing(event.target)) {
      if (action === 'escape') (event.target as HTMLElement).blur();
      return;
    }
    event.preventDefault();
    handle(action);
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
