import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** The rows of a grid that are on screen, plus a few above and below. */
export interface GridWindow {
  columns: number;
  firstRow: number;
  lastRow: number;
  totalHeight: number;
  /** Left margin that centres the columns in the viewport. */
  offset: number;
}

/** Which rows of a `count`-item grid of `cell`-px cells show in a `width` x `height` viewport scrolled to `scrollTop`. */
export function gridWindow(count: number, width: number, height: number, scrollTop: number, cell: { width: number; height: number }, overscan = 2): GridWindow {
  const columns = Math.max(1, Math.floor(width / cell.width));
  const rows = Math.ceil(count / columns);
  const firstRow = Math.max(0, Math.floor(scrollTop / cell.height) - overscan);
  const lastRow = Math.min(rows - 1, Math.ceil((scrollTop + height) / cell.height) + overscan);
  return { columns, firstRow, lastRow, totalHeight: rows * cell.height, offset: Math.max(0, Math.floor((width - columns * cell.width) / 2)) };
}

/**
 * Tracks a scrolling element and returns the visible window of a virtual grid: only those rows are rendered, so a
 * gallery of 15,000 images keeps a few hundred elements in the DOM.
 */
export function useVirtualGrid(el: Ref<HTMLElement | null>, count: Ref<number>, cell: { width: number; height: number }) {
  const width = ref(800);
  const height = ref(600);
  const scrollTop = ref(0);
  let observer: ResizeObserver | null = null;

  function onScroll(): void {
    scrollTop.value = el.value?.scrollTop ?? 0;
  }
  onMounted(() => {
    const target = el.value;
    if (!target) return;
    target.addEventListener('scroll', onScroll, { passive: true });
    observer = new ResizeObserver(() => {
      width.value = target.clientWidth;
      height.value = target.clientHeight;
    });
    observer.observe(target);
    width.value = target.clientWidth;
    height.value = target.clientHeight;
  });
  onBeforeUnmount(() => {
    el.value?.removeEventListener('scroll', onScroll);
    observer?.disconnect();
  });
  const view = computed(() => gridWindow(count.value, width.value, height.value, scrollTop.value, cell));
  /** Scrolls back to the top (after a filter change). */
  function reset(): void {
    if (el.value) el.value.scrollTop = 0;
    scrollTop.value = 0;
  }
  return { view, reset };
}
