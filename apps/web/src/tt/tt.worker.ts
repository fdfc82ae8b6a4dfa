import { serveWorker } from '../common/serve-worker.js';
import { type CompressOptions, compressImage } from './compress-image.js';
import { type CrossDemoOptions, crossDemo } from './cross-demo.js';

serveWorker({
  compress: (args: { pixels: Float32Array } & CompressOptions) => compressImage(args.pixels, args),
  cross: (args: CrossDemoOptions) => crossDemo(args),
});
