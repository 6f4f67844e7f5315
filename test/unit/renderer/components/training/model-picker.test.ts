import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createSSRApp, type Component } from 'vue';
import { renderToString } from 'vue/server-renderer';
import type { RunSummary } from '@shared/dto';
import { DEFAULT_MODEL, MODEL_PRESETS, costText } from '@shared/model-presets';
import { setApi } from '../../../../../src-renderer/api';
import ModelPicker from '../../../../../src-renderer/components/training/ModelPicker.vue';
import TrainingView from '../../../../../src-renderer/views/TrainingView.vue';
import { runModelLabel } from '../../../../../src-renderer/components/training/run-model';
import { requestOptions, useTrainingStore } from '../../../../../src-renderer/stores/training';
import { useJobsStore } from '../../../../../src-renderer/stores/jobs';
import { createFakeApi, type FakeApi } from '../../fake-api';

const text = (html: string): string => html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function run(id: number, model: RunSummary['options']['model']): RunSummary {
  return {
    id, startedAt: '2026-11-22T10:00:00Z', finishedAt: '2026-11-22T10:01:00Z', status: 'done', backend: 'wasm', options: model ? { model, epochs: 3 } : { epochs: 3 },
    bestEpoch: 3, metrics: { hits1: 0.5, hits10: 0.8, mrr: 0.6, pairs: 10 }, epochs: [],
  };
}

describe('model picker', () => {
  let api: FakeApi;
  let pinia: Pinia;
  const render = (component: Component, props: Record<string, unknown> = {}): Promise<string> => {
    const app = createSSRApp(component, props);
    app.use(pinia);
    return renderToString(app);
  };
  beforeEach(() => {
    pinia = createPinia();
    setActivePinia(pinia);
    api = createFakeApi();
    setApi(api);
    useJobsStore().connect();
  });

  it('offers every model as a radio in one group with its description and cost, the default checked', async () => {
    const training = useTrainingStore();
    await training.load();
    expect(training.options.model).toBe(DEFAULT_MODEL);
    const html = await render(ModelPicker, { disabled: false });
    const radios = [...html.matchAll(/<input type="radio" name="training-model" value="(\w+)"([^>]*)>/g)];
    expect(radios.map((m) => m[1])).toEqual(MODEL_PRESETS.map((p) => p.id));
    expect(radios.filter((m) => m[2].includes('checked')).map((m) => m[1])).toEqual([DEFAULT_MODEL]);
    for (const p of MODEL_PRESETS) {
      // Each radio is described by its description, so a screen reader reads it with the choice.
      expect(html).toContain(`aria-describedby="model-desc-${p.id}"`);
      expect(html).toContain(`id="model-desc-${p.id}"`);
      expect(text(html)).toContain(p.description);
    }
    // Each measured cost is shown as measured (README "Models"), never an estimate.
    for (const p of MODEL_PRESETS) expect(text(html)).toContain(`Cost: ${costText(p)}`);
    expect(html).toMatch(/<fieldset[^>]*data-testid="model-picker"/);
    expect(html).toMatch(/<legend[^>]*>Model<\/legend>/);
  });

  it('checks the picked model, and disables the group while training runs', async () => {
    const training = useTrainingStore();
    await training.load();
    training.setOption('model', 'mimea');
    const html = await render(ModelPicker, { disabled: true });
    expect([...html.matchAll(/value="(\w+)" checked/g)].map((m) => m[1])).toEqual(['mimea']);
    expect(html).toMatch(/<fieldset[^>]*disabled/);
    training.resetOptions();
    expect(training.options.model).toBe('loginmea');
  });

  it('sends the picked model and only the options changed from the defaults', async () => {
    const training = useTrainingStore();
    await training.load();
    training.setOption('model', 'mclea');
    training.setOption('epochs', 3);
    training.setOption('fusion', 'low-rank'); // unchanged from the default: must not override MCLEA's concatenation
    const started = training.start();
    await new Promise((r) => setTimeout(r, 0));
    api.emitOutcome({ jobId: 'job-1', status: 'done' });
    await started;
    expect(api.trainingStarts).toEqual([{ model: 'mclea', epochs: 3 }]);
    expect(requestOptions({ model: 'loginmea', useNames: false }, { model: 'loginmea', useNames: true })).toEqual({ model: 'loginmea', useNames: false });
    expect(requestOptions({ epochs: 5 }, null)).toEqual({ epochs: 5 });
  });

  it('while the steps after the last epoch run, says which one instead of the epoch and step', async () => {
    const training = useTrainingStore();
    await training.load();
    const started = training.start();
    await new Promise((r) => setTimeout(r, 0));
    const base = { jobId: 'job-1', kind: 'training', title: 'Training', epoch: 3, epochs: 3, step: 1, steps: 1, loss: 0.5, elapsedSeconds: 30, backend: 'wasm' } as const;
    api.emitProgress({ ...base, value: 1, etaSeconds: 0 });
    expect(text(await render(TrainingView))).toContain('epoch 3/3 · step 1/1');
    api.emitProgress({ ...base, value: null, etaSeconds: null, finishing: 'final propagation of 4500 labels' });
    const html = text(await render(TrainingView));
    expect(html).toContain('final propagation of 4500 labels');
    expect(html).not.toContain('epoch 3/3 · step');
    api.emitOutcome({ jobId: 'job-1', status: 'done' });
    await started;
  });

  it('names the model of each run in the run history', async () => {
    api.runs.push(run(3, 'mimea'), run(2, 'mclea'), run(1, undefined));
    const training = useTrainingStore();
    await training.load();
    const html = await render(TrainingView);
    expect([...html.matchAll(/data-run-model="(\w*)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['mimea', 'MIMEA'], ['mclea', 'MCLEA (concatenation)'], ['', 'LoginMEA + PMF'],
    ]);
    expect(html).toMatch(/<th[^>]*>Model<\/th>/);
    expect(html).toContain('data-testid="model-picker"');
    expect(runModelLabel({}).title).toMatch(/no model recorded/);
    expect(runModelLabel({ model: 'future' as never })).toEqual({ label: 'future', title: 'a model this version does not know' });
  });
});
