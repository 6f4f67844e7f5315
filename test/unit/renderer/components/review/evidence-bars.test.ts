import { describe, expect, it } from 'vitest';
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import type { CandidateDto } from '@shared/dto';
import EvidenceBars from '../../../../../src-renderer/components/review/EvidenceBars.vue';
import { spreadOf } from '../../../../../src-renderer/components/review/weight-spread';
import { createFakeApi } from '../../fake-api';

/** The candidates the fake back end serves: odd ids carry weightStd, even ids do not. */
async function candidates(): Promise<CandidateDto[]> {
  return (await createFakeApi(4).review.queue({ offset: 0, limit: 10 })).items;
}

const render = (candidate: CandidateDto): Promise<string> => renderToString(createSSRApp(EvidenceBars, { candidate }));
const text = (html: string): string => html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('EvidenceBars: Beta weight uncertainty', () => {
  it('shows each side\'s weight spread under the modalities that have one, with a caption', async () => {
    const [withStd] = await candidates();
    expect(withStd.weightStd).toBeDefined();
    const html = await render(withStd);
    // name: both sides; structure: graph 1 only; no other modality gets a row.
    expect(html.match(/data-weight-std="(\w+)"/g)).toEqual(['data-weight-std="structure"', 'data-weight-std="name"']);
    expect(text(html)).toMatch(/Name 0\.80 ± weight ±0\.05 ±0\.07/);
    expect(text(html)).toMatch(/Structure 0\.50 ± weight ±0\.20 Relations/);
    expect(html).toContain('data-testid="weight-std-caption"');
    // Whisker width = std / 0.5 of the track (a spread of 0.5, the largest a Beta weight can have, spans it all).
    const arms = [...html.matchAll(/class="side-(\d) whisker"[^>]*><span class="arm" style="width:([\d.]+)%;"/g)].map((m) => [Number(m[1]), Number(Number(m[2]).toFixed(6))]);
    expect(arms).toEqual([[1, 40], [1, 10], [2, 14]]);
    expect(html).toMatch(/title="Uncertainty of the name weight \(standard deviation of its Beta distribution\): graph 1 ±0\.050, graph 2 ±0\.070\./);
  });

  it('shows no uncertainty for a model without Beta fusion', async () => {
    const [, plain] = await candidates();
    expect(plain.weightStd).toBeUndefined();
    const html = await render(plain);
    expect(html).not.toContain('data-weight-std');
    expect(html).not.toContain('weight-std-caption');
    expect(text(html)).toMatch(/Structure 0\.50 Relations n\/a Attributes n\/a Image n\/a Name 0\.80 $/);
  });

  it('spreadOf keeps only sides with a value and caps the whisker at the largest Beta spread', () => {
    expect(spreadOf({})).toEqual({ any: false });
    const s = spreadOf({ weightStd: { image: { right: 0.5 }, relation: {} } });
    expect(s.any).toBe(true);
    expect(s.relation).toBeUndefined();
    expect(s.image!.sides).toEqual([{ side: 2, std: 0.5, fraction: 1, text: '±0.50' }]);
  });
});
