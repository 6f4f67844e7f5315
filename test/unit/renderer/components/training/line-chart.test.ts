import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import LineChart, { type Series } from '../../../../../src-renderer/components/training/LineChart.vue';

/** The x-axis tick labels of a rendered chart, in order. */
async function xTicks(props: { series: Series[]; title: string; xMin?: number; xMax?: number }): Promise<string[]> {
  const html = await renderToString(createSSRApp({ render: () => h(LineChart, props) }));
  return [...html.matchAll(/<text[^>]*text-anchor="middle"[^>]*>(\d+)<\/text>/g)].map((m) => m[1]);
}

describe('line chart', () => {
  // One validation point at epoch 3 of a 3-epoch run, as the e2e run records it.
  const single: Series[] = [{ name: 'H@1', colour: '#000', points: [{ x: 3, y: 0.5 }] }];

  it('spans the given epoch range, so a lone validation point sits at its epoch', async () => {
    expect(await xTicks({ series: single, title: 'valid', xMin: 1, xMax: 3 })).toEqual(['1', '2', '3']);
  });

  it('without a range, spans its own points (and at least one unit)', async () => {
    expect(await xTicks({ series: single, title: 'valid' })).toEqual(['3', '4']);
    const two: Series[] = [{ name: 'loss', colour: '#000', points: [{ x: 1, y: 2 }, { x: 5, y: 1 }] }];
    expect(await xTicks({ series: two, title: 'loss' })).toEqual(['1', '2', '3', '4', '5']);
  });

  it('labels the y axis with round values that cover the series', async () => {
    const loss: Series[] = [{ name: 'loss', colour: '#000', points: [{ x: 1, y: 6.5912 }, { x: 2, y: 3.9132 }] }];
    const html = await renderToString(createSSRApp({ render: () => h(LineChart, { series: loss, title: 'loss' }) }));
    expect([...html.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1])).toEqual(['0', '2', '4', '6', '8']);
  });

  it('keeps its axis when a diverged run reports a NaN or infinite loss', async () => {
    const loss: Series[] = [{ name: 'loss', colour: '#000', points: [{ x: 1, y: 3.9 }, { x: 2, y: Number.NaN }, { x: 3, y: Infinity }] }];
    const html = await renderToString(createSSRApp({ render: () => h(LineChart, { series: loss, title: 'loss' }) }));
    expect([...html.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1])).toEqual(['0', '1', '2', '3', '4']);
  });
});
