import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../../src-main/cli/main';
import { parseArgs } from '../../../../src-main/cli/args';
import { trainCommand, trainingOptionsFromArgs } from '../../../../src-main/cli/commands/train';
import { modelsTable, parseModelId, wrap } from '../../../../src-main/cli/commands/model-table';
import { COST_NOT_MEASURED, DEFAULT_MODEL, MODEL_IDS, MODEL_PRESETS, costText } from '../../../../src-main/shared/model-presets';

/** Runs the CLI in this process and returns its exit code, stdout and stderr. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await runCli(argv);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('model picker in the CLI', () => {
  it('mmea models prints every model with its label, cost and description, the default marked', async () => {
    const { code, out } = await cli('models');
    expect(code).toBe(0);
    for (const p of MODEL_PRESETS) {
      const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(out).toMatch(new RegExp(`^[* ] ${p.id}\\s+${esc(p.label)}\\s+${esc(costText(p))}$`, 'm'));
      // The description is wrapped, so compare its words in order.
      expect(out.replace(/\s+/g, ' ')).toContain(p.description);
    }
    expect(out).toMatch(new RegExp(`^\\* ${MODEL_IDS[0]} `, 'm'));
    expect(out.split('\n').every((line) => line.length <= 100)).toBe(true);
  });

  it('says "not measured yet" for an empty cost and shows a measured one as it is', () => {
    expect(costText({ cost: '' })).toBe(COST_NOT_MEASURED);
    expect(costText({ cost: '  ' })).toBe('not measured yet');
    expect(costText({ cost: 'DBP15K zh_en: 21 s/epoch, 3.1 GB' })).toBe('DBP15K zh_en: 21 s/epoch, 3.1 GB');
    // No preset has a figure until the lead measures it: the table must then never show a number as cost.
    for (const p of MODEL_PRESETS.filter((x) => !x.cost)) expect(modelsTable()).toMatch(new RegExp(`${p.id}\\s+.+\\s+not measured yet$`, 'm'));
  });

  it('mmea models --json gives the same list as data', async () => {
    const { code, out } = await cli('models', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { id: string }[]).map((p) => p.id)).toEqual([...MODEL_IDS]);
    expect((await cli('models', 'extra')).code).toBe(1);
  });

  it('mmea train --list-models prints the table without a project; --help names every model and its description', async () => {
    const listed = await cli('train', '--list-models');
    expect(listed.code).toBe(0);
    expect(listed.out).toBe(modelsTable());
    const help = await cli('train', '--help');
    expect(help.out).toMatch(/--model ID/);
    for (const p of MODEL_PRESETS) {
      expect(help.out).toMatch(new RegExp(`^\\s+${p.id}( \\(default\\))?: `, 'm'));
      expect(help.out.replace(/\s+/g, ' ')).toContain(p.description);
    }
    expect(trainCommand.help).toMatch(/loginmea \(default\)/);
  });

  it('maps --model to TrainingOptions.model and rejects an unknown id listing the valid ones', async () => {
    const parse = (...args: string[]) => trainingOptionsFromArgs(parseArgs(args, { values: ['model', 'epochs'] }));
    expect(parse('--model', 'mimea', '--epochs', '3')).toEqual({ model: 'mimea', epochs: 3, useNames: false, useDecisions: false, csls: false });
    expect(parse('--model=mclea').model).toBe('mclea');
    expect(parse().model).toBe(DEFAULT_MODEL);
    expect(() => parse('--model', 'MIMEA')).toThrow(/unknown model 'MIMEA': --model must be one of loginmea, mimea, crossea, meaformer, mclea/);
    expect(parseModelId('crossea')).toBe('crossea');
    const bad = await cli('train', 'nowhere.mmea', '--model', 'gpt');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/unknown model 'gpt'.*loginmea, mimea, crossea, meaformer, mclea/);
    expect(bad.err).toMatch(/mmea models lists them/);
  });

  it('wraps words without breaking them', () => {
    expect(wrap('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrap('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
    expect(wrap('  ', 10)).toEqual([]);
  });
});
