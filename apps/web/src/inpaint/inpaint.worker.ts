import { type ImageVaeac, loadImageVaeac } from '@proj/vaeac';
import { serveWorker } from '../common/serve-worker.js';
import { type CompleteOptions, completeDigit } from './complete-digit.js';
import type { ShippedModel } from './shipped-model.js';

/** The model, loaded once per worker from the artifacts the page fetched. */
let model: ImageVaeac | undefined;

serveWorker({
  load: (shipped: ShippedModel) => {
    model?.dispose();
    model = loadImageVaeac(shipped.model);
    return { loaded: true };
  },
  complete: (args: CompleteOptions) => {
    if (model === undefined) throw new Error('complete: no model loaded');
    const completions = completeDigit(model, args);
    // One buffer for all completions, so that it is transferred, not copied.
    const all = new Float32Array(completions.length * args.digit.length);
    for (const [k, image] of completions.entries()) all.set(image, k * args.digit.length);
    return { all };
  },
});
