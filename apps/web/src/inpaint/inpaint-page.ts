import { byId, drawGray, showNumber, startPage } from '../common/page.js';
import { latestOnly } from '../common/worker-client.js';
import modelUrl from './model.txt?url';
import {
  DIGIT_SIDE,
  PRESET_MASKS,
  type PresetMask,
  presetMask,
  type ShippedModel,
  shippedDigit,
} from './shipped-model.js';

/** Pixels of the drawing canvas per digit pixel. */
const ZOOM = 10;

const params = new URLSearchParams(location.search);
const context = await startPage(() => new Worker(new URL('./inpaint.worker.ts', import.meta.url), { type: 'module' }));
context.setState('running', 'loading the model…');
const shipped = (await (await fetch(modelUrl)).json()) as ShippedModel;
await context.client.run('load', shipped);
byId('trained-on').textContent = shipped.trainedOn;

let digitIndex = Number(params.get('digit') ?? 0);
let digit = shippedDigit(shipped, digitIndex);
const initialMask = params.get('mask') ?? 'bottom';
let mask = presetMask(
  (PRESET_MASKS as readonly string[]).includes(initialMask) ? (initialMask as PresetMask) : 'bottom',
);
const samplesInput = byId<HTMLInputElement>('samples');
samplesInput.value = params.get('samples') ?? samplesInput.value;

/** The digit in gray with the mask in red, ZOOM× larger. O(784·ZOOM²). */
function drawMasked(): void {
  const canvas = byId<HTMLCanvasElement>('editor');
  canvas.width = DIGIT_SIDE * ZOOM;
  canvas.height = DIGIT_SIDE * ZOOM;
  const g = canvas.getContext('2d')!;
  for (let p = 0; p < digit.length; p++) {
    const v = Math.round(255 * digit[p]!);
    g.fillStyle = mask[p] === 1 ? `rgb(${Math.max(v, 160)}, ${v * 0.3}, ${v * 0.3})` : `rgb(${v}, ${v}, ${v})`;
    g.fillRect((p % DIGIT_SIDE) * ZOOM, Math.floor(p / DIGIT_SIDE) * ZOOM, ZOOM, ZOOM);
  }
}

const complete = latestOnly(async () => {
  context.setState('running', 'completing…');
  const numSamples = Math.max(1, Math.min(12, Number(samplesInput.value) || 6));
  const start = performance.now();
  const { all } = await context.client.run<{ all: Float32Array }>('complete', {
    digit,
    mask,
    numSamples,
    seed: context.seed(),
  });
  const holder = byId('completions');
  holder.replaceChildren();
  const size = DIGIT_SIDE * DIGIT_SIDE;
  for (let k = 0; k < numSamples; k++) {
    const canvas = document.createElement('canvas');
    canvas.className = 'digit';
    drawGray(canvas, all.subarray(k * size, (k + 1) * size), DIGIT_SIDE);
    holder.append(canvas);
  }
  // Mean of the completions' masked pixels: one number the tests compare with Node.
  let sum = 0;
  let count = 0;
  for (let k = 0; k < numSamples; k++) {
    for (let p = 0; p < size; p++) {
      if (mask[p] === 1) {
        sum += all[k * size + p]!;
        count++;
      }
    }
  }
  showNumber('masked-mean', count === 0 ? 0 : sum / count, (count === 0 ? 0 : sum / count).toFixed(4));
  showNumber('complete-ms', performance.now() - start, `${(performance.now() - start).toFixed(0)} ms`);
  (window as unknown as { completions: number[] }).completions = Array.from(all);
  context.setState('done', `${numSamples} completions on ${context.backend.backend}`);
});

function selectDigit(index: number): void {
  digitIndex = index;
  digit = shippedDigit(shipped, digitIndex);
  drawMasked();
  complete(undefined);
}

const strip = byId('digits');
for (let i = 0; i < shipped.digits.length / (DIGIT_SIDE * DIGIT_SIDE); i++) {
  const canvas = document.createElement('canvas');
  canvas.className = 'digit pick';
  drawGray(canvas, shippedDigit(shipped, i), DIGIT_SIDE);
  canvas.onclick = () => selectDigit(i);
  strip.append(canvas);
}
for (const name of PRESET_MASKS) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = name;
  button.onclick = () => {
    mask = presetMask(name);
    drawMasked();
    complete(undefined);
  };
  byId('presets').append(button);
}

// Drawing: drag to hide pixels (3×3 brush), with Shift to reveal them; completes on release.
const editor = byId<HTMLCanvasElement>('editor');
let painting = false;
const paint = (event: PointerEvent) => {
  const rect = editor.getBoundingClientRect();
  const col = Math.floor(((event.clientX - rect.left) / rect.width) * DIGIT_SIDE);
  const row = Math.floor(((event.clientY - rect.top) / rect.height) * DIGIT_SIDE);
  for (let dr = -1; dr <= 1; dr++) {
    for (let dc = -1; dc <= 1; dc++) {
      const r = row + dr;
      const c = col + dc;
      if (r >= 0 && r < DIGIT_SIDE && c >= 0 && c < DIGIT_SIDE) mask[r * DIGIT_SIDE + c] = event.shiftKey ? 0 : 1;
    }
  }
  drawMasked();
};
editor.onpointerdown = (event) => {
  painting = true;
  paint(event);
};
editor.onpointermove = (event) => {
  if (painting) paint(event);
};
editor.onpointerup = () => {
  painting = false;
  complete(undefined);
};
byId('clear').onclick = () => {
  mask = new Float32Array(DIGIT_SIDE * DIGIT_SIDE);
  drawMasked();
  complete(undefined);
};
samplesInput.onchange = () => complete(undefined);
context.onSeedChange(() => complete(undefined));
selectDigit(digitIndex);
