import * as z from 'zod';
import { defineApp, positiveInt, runApp } from '../../src/index.js';

/** Fails on purpose after its units of work: what `pnpm repro report` must report without stopping the others. */
export const app = defineApp(import.meta.url, {
  schema: z.strictObject({ units: positiveInt() }),
  run: async (config, { unit, run }) => {
    for (let k = 0; k < config.units; k++) {
      await unit(`unit ${k}`, () => {
        run.appendMetrics({ unit: k });
        return k;
      });
    }
    throw new Error('injected failure: this fixture app fails on purpose');
  },
});

export const main = (argv: readonly string[]) => runApp(app, argv);
