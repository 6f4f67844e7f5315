/** Calls `emit` at most once per interval (the last value in between is dropped, not queued); `flush` always emits. */
export function throttle<T>(emit: (value: T) => void, intervalMs = 100, now: () => number = () => performance.now()): { push(value: T): void; flush(value: T): void } {
  let last = -Infinity;
  return {
    push(value) {
      const t = now();
      if (t - last < intervalMs) return;
      last = t;
      emit(value);
    },
    flush(value) {
      last = now();
      emit(value);
    },
  };
}
