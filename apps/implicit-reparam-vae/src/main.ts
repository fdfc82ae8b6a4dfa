import { defineApp, runApp } from '@proj/repro';
import { vaeConfigSchema } from './config.js';
import { runVae } from './experiment.js';

/** The implicit-reparameterization paper's MNIST VAEs (§4.3) as a `pnpm repro` app (name and title: package.json `repro`). */
export const app = defineApp(import.meta.url, { schema: vaeConfigSchema, run: runVae });

/** Entry of `pnpm repro implicit-reparam-vae [options]`. */
export function main(argv: readonly string[]): Promise<number> {
  return runApp(app, argv);
}
