import { byId, showNumber, startPage } from '../common/page.js';
import { latestOnly } from '../common/worker-client.js';
import { COST_FORMULAS, COST_NAMES, type CostName, exactGradient } from './costs.js';
import { variance } from './running-moments.js';
import type { VarianceOptions, VarianceSnapshot } from './variance-stream.js';

/** Line colours of the three estimators (score function, pathwise, measure-valued). */
const COLOURS = ['#d1495b', '#00798c', '#edae49'];

const params = new URLSearchParams(location.search);
const context = await startPage(() => new Worker(new URL('./variance.worker.ts', import.meta.url), { type: 'module' }));

const costSelect = byId<HTMLSelectElement>('cost');
for (const name of COST_NAMES)
  costSelect.add(new Option(COST_FORMULAS[name], name, false, name === params.get('cost')));
const inputs = ['k', 'mu', 'sigma', 'batch', 'batches'].map((id) => {
  const input = byId<HTMLInputElement>(id);
  input.value = params.get(id) ?? input.value;
  return input;
});
const read = (id: string) => Number(byId<HTMLInputElement>(id).value);

/** Draws log10 of each estimator's running ∂μ variance against the number of samples. O(batches). */
function plot(snapshot: VarianceSnapshot, batchSize: number, batches: number): void {
  const canvas = byId<HTMLCanvasElement>('plot');
  canvas.width = 480;
  canvas.height = 260;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  const logs = snapshot.history
    .flat()
    .filter((v) => v > 0)
    .map(Math.log10);
  const low = Math.floor(Math.min(...logs, 0) - 0.5);
  const high = Math.ceil(Math.max(...logs, 1) + 0.5);
  const x = (b: number) => 40 + ((b + 1) / batches) * (canvas.width - 50);
  const y = (v: number) => canvas.height - 20 - ((Math.log10(v) - low) / (high - low)) * (canvas.height - 30);
  g.fillStyle = '#555';
  g.font = '11px sans-serif';
  for (let p = low; p <= high; p++) g.fillText(`1e${p}`, 2, y(10 ** p) + 4);
  g.fillText(`${(batches * batchSize).toLocaleString('en-US')} samples`, canvas.width - 90, canvas.height - 4);
  snapshot.history.forEach((series, e) => {
    g.strokeStyle = COLOURS[e]!;
    g.lineWidth = 2;
    g.beginPath();
    series.forEach((v, b) => {
      if (b === 0) g.moveTo(x(b), y(v));
      else g.lineTo(x(b), y(v));
    });
    g.stroke();
  });
}

function show(snapshot: VarianceSnapshot): void {
  snapshot.stats.forEach(({ loc, scale }, e) => {
    showNumber(`mean-loc-${e}`, loc.mean, loc.mean.toFixed(4));
    showNumber(`var-loc-${e}`, variance(loc), variance(loc).toPrecision(4));
    showNumber(`mean-scale-${e}`, scale.mean, scale.mean.toFixed(4));
    showNumber(`var-scale-${e}`, variance(scale), variance(scale).toPrecision(4));
  });
  showNumber('samples', snapshot.samples, snapshot.samples.toLocaleString('en-US'));
}

const run = latestOnly(async () => {
  const options: VarianceOptions = {
    cost: costSelect.value as CostName,
    k: read('k'),
    mu: read('mu'),
    sigma: read('sigma'),
    batchSize: read('batch'),
    batches: read('batches'),
    seed: context.seed(),
  };
  const [dMu, dSigma] = exactGradient(options.cost, options.k, options.mu, options.sigma);
  showNumber('exact-loc', dMu, dMu.toFixed(4));
  showNumber('exact-scale', dSigma, dSigma.toFixed(4));
  context.setState('running', 'sampling…');
  const onBatch = (snapshot: VarianceSnapshot) => {
    show(snapshot);
    plot(snapshot, options.batchSize, options.batches);
  };
  onBatch(await context.client.run<VarianceSnapshot>('variance', options, onBatch));
  context.setState(
    'done',
    `${options.batches * options.batchSize} samples per estimator on ${context.backend.backend}`,
  );
});

costSelect.onchange = () => run(undefined);
for (const input of inputs) input.onchange = () => run(undefined);
context.onSeedChange(() => run(undefined));
run(undefined);
