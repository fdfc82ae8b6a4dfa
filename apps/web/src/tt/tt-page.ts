import { byId, drawGray, showNumber, startPage } from '../common/page.js';
import { latestOnly } from '../common/worker-client.js';
import type { Compression } from './compress-image.js';
import type { CrossDemoResult } from './cross-demo.js';
import { CROSS_FUNCTIONS, type CrossFunctionName } from './cross-functions.js';
import { BUILT_IN_IMAGES, type BuiltInImage, builtInImage, IMAGE_SIDE, toGray } from './image.js';

const params = new URLSearchParams(location.search);
const context = await startPage(() => new Worker(new URL('./tt.worker.ts', import.meta.url), { type: 'module' }));

// --- Tab 1: image compression -------------------------------------------------------------------------------
const imageSelect = byId<HTMLSelectElement>('image-select');
for (const name of BUILT_IN_IMAGES) imageSelect.add(new Option(name, name, false, name === params.get('image')));
const rankSlider = byId<HTMLInputElement>('rank');
rankSlider.value = params.get('rank') ?? rankSlider.value;
const epsilonSlider = byId<HTMLInputElement>('epsilon');
epsilonSlider.value = params.get('epsilon') ?? epsilonSlider.value;
let pixels = builtInImage(imageSelect.value as BuiltInImage);
let firstResult = true;

/** The slider's ε: 0 at the left end, else 10^value. */
const epsilon = () => (Number(epsilonSlider.value) <= -4 ? 0 : 10 ** Number(epsilonSlider.value));

const compress = latestOnly(async () => {
  const maxTTRank = Number(rankSlider.value);
  byId('rank-value').textContent = String(maxTTRank);
  byId('epsilon-value').textContent = epsilon() === 0 ? 'off' : epsilon().toExponential(1);
  context.setState('running', 'compressing…');
  const result = await context.client.run<Compression>('compress', {
    pixels: pixels.slice(),
    maxTTRank,
    epsilon: epsilon(),
  });
  drawGray(byId<HTMLCanvasElement>('reconstruction'), result.reconstruction, IMAGE_SIDE);
  showNumber('parameters', result.parameters, result.parameters.toLocaleString('en-US'));
  showNumber('ratio', result.compressionRatio, `${result.compressionRatio.toFixed(2)}×`);
  showNumber('error', result.relativeError, result.relativeError.toExponential(3));
  byId('ranks').textContent = result.ranks.join(', ');
  showNumber('compress-ms', result.ms, `${result.ms.toFixed(0)} ms`);
  if (firstResult) {
    firstResult = false;
    const ms = performance.now();
    showNumber('first-result-ms', ms, `${ms.toFixed(0)} ms after navigation`);
  }
  context.setState('done', `compressed on ${context.backend.backend}`);
});

function showImage(next: Float32Array): void {
  pixels = next;
  drawGray(byId<HTMLCanvasElement>('original'), pixels, IMAGE_SIDE);
  compress(undefined);
}

/** Loads a dropped or chosen image file, scaled to IMAGE_SIDE² grayscale. */
async function loadFile(file: File): Promise<void> {
  const bitmap = await createImageBitmap(file, { resizeWidth: IMAGE_SIDE, resizeHeight: IMAGE_SIDE });
  const canvas = new OffscreenCanvas(IMAGE_SIDE, IMAGE_SIDE);
  const context2d = canvas.getContext('2d');
  if (context2d === null) throw new Error('loadFile: no 2d context');
  context2d.drawImage(bitmap, 0, 0);
  showImage(toGray(context2d.getImageData(0, 0, IMAGE_SIDE, IMAGE_SIDE).data));
}

imageSelect.onchange = () => showImage(builtInImage(imageSelect.value as BuiltInImage));
rankSlider.oninput = () => compress(undefined);
epsilonSlider.oninput = () => compress(undefined);
const fileInput = byId<HTMLInputElement>('file');
fileInput.onchange = () => {
  const file = fileInput.files?.[0];
  if (file !== undefined) void loadFile(file);
};
const dropZone = byId('original-box');
dropZone.ondragover = (event) => event.preventDefault();
dropZone.ondrop = (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files[0];
  if (file !== undefined) void loadFile(file);
};

// --- Tab 2: TT-cross of a function of 10 variables ------------------------------------------------------------
const fnSelect = byId<HTMLSelectElement>('cross-fn');
for (const [name, { formula }] of Object.entries(CROSS_FUNCTIONS)) fnSelect.add(new Option(formula, name));
const cross = latestOnly(async () => {
  context.setState('running', 'TT-cross…');
  const result = await context.client.run<CrossDemoResult>('cross', {
    fn: fnSelect.value as CrossFunctionName,
    maxTTRank: Number(byId<HTMLInputElement>('cross-rank').value),
    epsilon: Number(byId<HTMLSelectElement>('cross-epsilon').value),
    seed: context.seed(),
  });
  showNumber('cross-evaluations', result.evaluations, result.evaluations.toLocaleString('en-US'));
  showNumber('cross-share', result.shareOfGrid, result.shareOfGrid.toExponential(2));
  showNumber('cross-sweeps', result.sweeps, String(result.sweeps));
  byId('cross-ranks').textContent = result.ranks.join(', ');
  showNumber('cross-error', result.checkError, result.checkError.toExponential(2));
  showNumber('cross-estimate', result.estimatedError, result.estimatedError.toExponential(2));
  byId('cross-converged').textContent = result.converged ? 'yes' : 'no';
  showNumber('cross-ms', result.ms, `${result.ms.toFixed(0)} ms`);
  context.setState('done', `TT-cross on ${context.backend.backend}`);
});
byId('cross-run').onclick = () => cross(undefined);
context.onSeedChange(() => cross(undefined));

for (const tab of ['compress', 'cross']) {
  byId(`tab-${tab}`).onclick = () => {
    document.body.dataset.tab = tab;
    if (tab === 'cross' && byId('cross-evaluations').dataset.value === undefined) cross(undefined);
  };
}
document.body.dataset.tab = 'compress';
showImage(pixels);
