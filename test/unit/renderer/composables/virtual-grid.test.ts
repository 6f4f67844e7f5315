import { describe, expect, it } from 'vitest';
import { gridWindow } from '../../../../src-renderer/composables/use-virtual-grid';

describe('gridWindow', () => {
  const cell = { width: 150, height: 180 };

  it('renders only the rows on screen plus the overscan', () => {
    // 15,000 items, 6 columns, a 900 px high viewport scrolled to row 100.
    const w = gridWindow(15_000, 900, 900, 100 * 180, cell, 2);
    expect(w.columns).toBe(6);
    expect(w.firstRow).toBe(98);
    expect(w.lastRow).toBe(107);
    expect((w.lastRow - w.firstRow + 1) * w.columns).toBeLessThan(100);
    expect(w.totalHeight).toBe(2500 * 180);
  });

  it('clamps at both ends and copes with an empty or narrow grid', () => {
    expect(gridWindow(10, 900, 900, 0, cell)).toMatchObject({ firstRow: 0, lastRow: 1 });
    expect(gridWindow(0, 900, 900, 0, cell).lastRow).toBe(-1);
    expect(gridWindow(5, 50, 900, 0, cell).columns).toBe(1);
  });
});
