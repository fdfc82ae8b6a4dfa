import { defineApp, runApp } from '@proj/repro';
import { inpaintingConfigSchema } from './config.js';
import { runInpainting } from './experiment.js';

/** VAEAC inpainting on MNIST and the bimodal toy as a `pnpm repro` app (name and title: package.json `repro`). */
export const app = defineApp(import.meta.url, { schema: inpaintingConfigSchema, run: runInpainting });

/** Entry of `pnpm repro vaeac-inpainting [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
