import type { TrainingOptions } from '@shared/dto';
import { MODEL_IDS, isModelId, modelPreset } from '@shared/model-presets';

/**
 * How the run list names a run's model: its preset label. A run recorded without `model` predates the picker and
 * trained the default (then the only) model, so it gets that label, with a title saying why; an id this build does
 * not know (a newer app wrote the project) is shown as it is.
 */
export function runModelLabel(options: Pick<TrainingOptions, 'model'>): { label: string; title: string } {
  const id: string | undefined = options.model;
  if (id === undefined) return { label: modelPreset(MODEL_IDS[0]).label, title: 'no model recorded (a run from before the model picker): the default model' };
  if (!isModelId(id)) return { label: id, title: 'a model this version does not know' };
  const preset = modelPreset(id);
  return { label: preset.label, title: preset.description };
}
