import { type AdaptiveResNetParams, adaptiveResNetVariables } from '@proj/adaptive-compute';
import * as tf from '@tensorflow/tfjs-core';
import { serveWorker } from '../common/serve-worker.js';
import { loadSact } from './load-sact.js';
import { ponderImage } from './ponder-image.js';
import type { ShippedNet } from './shipped-sact.js';

/** The network, loaded once per worker from the shipped file the page fetched. */
let net: AdaptiveResNetParams | undefined;

serveWorker({
  load: (shipped: ShippedNet) => {
    if (net !== undefined) tf.dispose(adaptiveResNetVariables(net));
    net = loadSact(shipped);
    return { loaded: true };
  },
  ponder: (args: { readonly image: Float32Array; readonly side: number }) => {
    if (net === undefined) throw new Error('ponder: no network loaded');
    const { map, probabilities, stagePonder } = ponderImage(net, args.image, args.side);
    return { map, probabilities, stagePonder };
  },
});
