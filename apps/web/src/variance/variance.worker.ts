import { serveWorker } from '../common/serve-worker.js';
import { streamVariance, type VarianceOptions } from './variance-stream.js';

serveWorker({
  // Yield between batches so each snapshot reaches the page while the next batch runs.
  variance: (args: VarianceOptions, emit) =>
    streamVariance(args, async (snapshot) => {
      emit(snapshot);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }),
});
