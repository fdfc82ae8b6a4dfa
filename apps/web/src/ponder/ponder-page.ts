import { byId, drawGray, showNumber, startPage } from '../common/page.js';
import { latestOnly } from '../common/worker-client.js';
import modelUrl from './model.txt?url';
import { ponderPanels } from './ponder-panels.js';
import { type ShippedSact, shippedImage } from './shipped-sact.js';

const params = new URLSearchParams(location.search);
const context = await startPage(() => new Worker(new URL('./ponder.worker.ts', import.meta.url), { type: 'module' }));
context.setState('running', 'loading the model…');
const shipped = (await (await fetch(modelUrl)).json()) as ShippedSact;
await context.client.run('load', shipped.net);
const { side } = shipped;
byId('trained-on').textContent = shipped.trainedOn;
showNumber('tau', shipped.tau, String(shipped.tau));
showNumber('threshold', 1 - shipped.eps, String(1 - shipped.eps));

/** Puts RGBA bytes into a canvas of side × side pixels (the CSS scales it up, pixelated). */
function drawRgba(id: string, rgba: Uint8ClampedArray): void {
  const canvas = byId<HTMLCanvasElement>(id);
  canvas.width = side;
  canvas.height = side;
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba), side, side), 0, 0);
}

const show = latestOnly(async (index: number) => {
  context.setState('running', `image ${index}…`);
  const image = shippedImage(shipped, index);
  const start = performance.now();
  const { map, probabilities, stagePonder } = await context.client.run<{
    map: Float32Array;
    probabilities: Float32Array;
    stagePonder: number[];
  }>('ponder', { image, side });
  const ms = performance.now() - start;
  const panels = ponderPanels(image, map, shipped.boxes[index]!, side);
  drawRgba('canvas', panels.canvas);
  drawRgba('heat', panels.heat);
  drawRgba('overlay', panels.overlay);
  let predicted = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c]! > probabilities[predicted]!) predicted = c;
  const mean = map.reduce((a, v) => a + v, 0) / map.length;
  const [low, high] = [Math.min(...map), Math.max(...map)];
  showNumber('label', shipped.labels[index]!, String(shipped.labels[index]));
  showNumber('predicted', predicted, String(predicted));
  showNumber('probability', probabilities[predicted]!, probabilities[predicted]!.toFixed(3));
  showNumber('mean-ponder', mean, mean.toFixed(3));
  byId('stage-ponder').textContent = stagePonder.map((v) => v.toFixed(2)).join(' / ');
  showNumber('map-range', high, `${low.toFixed(2)} (dark) to ${high.toFixed(2)} (yellow)`);
  showNumber('ponder-ms', ms, `${ms.toFixed(0)} ms`);
  (window as unknown as { ponderMap: number[] }).ponderMap = Array.from(map);
  context.setState('done', `image ${index} on ${context.backend.backend}`);
});

const strip = byId('images');
for (let i = 0; i < shipped.labels.length; i++) {
  const canvas = document.createElement('canvas');
  canvas.className = 'digit pick';
  drawGray(canvas, shippedImage(shipped, i), side);
  canvas.onclick = () => show(i);
  strip.append(canvas);
}
const initial = Number(params.get('image') ?? 0);
show(Number.isInteger(initial) && initial >= 0 && initial < shipped.labels.length ? initial : 0);
