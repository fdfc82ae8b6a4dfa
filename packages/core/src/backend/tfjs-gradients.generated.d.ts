import type { GradConfig } from '@tensorflow/tfjs-core';

/** The gradient configs of every tfjs kernel, bundled from @tensorflow/tfjs-core (see scripts/bundle-tfjs-gradients.ts). */
export declare const GRADIENT_CONFIGS: readonly GradConfig[];
