/**
 * Many bounded min-heaps in flat typed arrays: heap h keeps the k largest scores pushed to it, with the index
 * each came from. The root (smallest kept score) is the admission floor, so most pushes cost one comparison.
 */
export class TopKHeaps {
  readonly k: number;
  readonly scores: Float32Array;
  readonly index: Int32Array;
  readonly size: Int32Array;
  /** Per heap: the score a push must beat; -Infinity until the heap is full. */
  readonly floor: Float32Array;

  constructor(count: number, k: number) {
    this.k = k;
    this.scores = new Float32Array(count * k);
    this.index = new Int32Array(count * k);
    this.size = new Int32Array(count);
    this.floor = new Float32Array(count).fill(-Infinity);
  }

  /** Offers (score, idx) to heap h. Ties keep the earlier push, so scanning in index order is deterministic. */
  push(h: number, score: number, idx: number): void {
    const k = this.k;
    const base = h * k;
    const s = this.scores;
    const ix = this.index;
    let n = this.size[h];
    if (n < k) {
      // Sift up.
      let c = n;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (s[base + p] <= score) break;
        s[base + c] = s[base + p];
        ix[base + c] = ix[base + p];
        c = p;
      }
      s[base + c] = score;
      ix[base + c] = idx;
      this.size[h] = ++n;
      if (n === k) this.floor[h] = s[base];
      return;
    }
    if (!(score > s[base])) return;
    // Replace the root and sift down.
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= k) break;
      const r = l + 1;
      const m = r < k && s[base + r] < s[base + l] ? r : l;
      if (s[base + m] >= score) break;
      s[base + c] = s[base + m];
      ix[base + c] = ix[base + m];
      c = m;
    }
    s[base + c] = score;
    ix[base + c] = idx;
    this.floor[h] = s[base];
  }

  /** Heap h's entries, best first (ties: lower index first). */
  sorted(h: number): { index: number[]; scores: number[] } {
    const base = h * this.k;
    const order = Array.from({ length: this.size[h] }, (_, i) => base + i);
    order.sort((x, y) => this.scores[y] - this.scores[x] || this.index[x] - this.index[y]);
    return { index: order.map((o) => this.index[o]), scores: order.map((o) => this.scores[o]) };
  }

  /** The mean of heap h's scores (0 when empty): CSLS's neighbourhood density r(x). */
  mean(h: number): number {
    const n = this.size[h];
    if (n === 0) return 0;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.scores[h * this.k + i];
    return sum / n;
  }
}
