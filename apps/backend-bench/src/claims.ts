import { type Claim, claim } from '@proj/repro';

/** What the claims read of a run: the training step of the fast backend next to cpu's and PyTorch's. */
export interface TrainStepOutcome {
  /** The backend of the run (not cpu), e.g. `wasm`. */
  readonly backend: string;
  /** Median ms of its training step. */
  readonly ms: number;
  /** Median ms of cpu's training step; undefined when cpu did not time it. */
  readonly cpuMs?: number | undefined;
  /** Median ms of PyTorch's training step on one thread, and which torch; undefined without torch. */
  readonly pytorch?: { readonly ms: number; readonly label: string } | undefined;
  /** Losses of the same training steps from the same weights on the backend and on cpu; undefined without cpu. */
  readonly losses?: { readonly backend: readonly number[]; readonly cpu: readonly number[] } | undefined;
  /** The factors of the config's `acceptance`. */
  readonly acceptance: { readonly trainStepSpeedup: number; readonly trainStepVsPytorch: number };
}

/** Largest |a − b| / |b| over the pairs. */
const worstRelative = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.abs(b[i]!)));

/**
 * The benchmark's claims about the run's (non-cpu) backend, each left out when what it compares with was not
 * measured (no cpu training step, no torch):
 *
 * - `trains-like-cpu`: the losses of the same Adam steps from the same weights agree with cpu's (worst relative
 *   difference ≤ 1e-3, float32 rounding apart);
 * - `train-step-vs-cpu`: cpu's training step time / the backend's ≥ `acceptance.trainStepSpeedup`;
 * - `train-step-vs-pytorch`: the backend's training step time / PyTorch's on one thread ≤
 *   `acceptance.trainStepVsPytorch`.
 *
 * No reference: the project's measurement notes (reference.md) have no training step on wasm (it threw there),
 * and the factors are the project's acceptance criteria, not a paper's numbers.
 */
export function benchClaims(outcome: TrainStepOutcome): Claim[] {
  const { backend, ms, cpuMs, pytorch, losses, acceptance } = outcome;
  const out: Claim[] = [];
  if (losses !== undefined) {
    out.push(
      claim({
        id: 'trains-like-cpu',
        text: `the CNN trains on ${backend} as on cpu: the same Adam steps from the same weights give the same losses (worst relative difference ≤ 1e-3)`,
        reference: null,
        ours: worstRelative(losses.backend, losses.cpu),
        unit: '',
        test: { op: '<=', bound: 1e-3 },
        detail: `losses of ${losses.backend.length} Adam steps on ${backend}: ${losses.backend.map((v) => v.toFixed(5)).join(', ')}; cpu: ${losses.cpu.map((v) => v.toFixed(5)).join(', ')}`,
      }),
    );
  }
  if (cpuMs !== undefined) {
    out.push(
      claim({
        id: 'train-step-vs-cpu',
        text: `${backend} runs the CNN training step at least ${acceptance.trainStepSpeedup}x faster than cpu (cpu time / ${backend} time)`,
        reference: null,
        ours: cpuMs / ms,
        unit: 'x',
        test: { op: '>=', bound: acceptance.trainStepSpeedup },
        detail: `${backend} ${ms.toFixed(2)} ms, cpu ${cpuMs.toFixed(1)} ms`,
      }),
    );
  }
  if (pytorch !== undefined) {
    out.push(
      claim({
        id: 'train-step-vs-pytorch',
        text: `the ${backend} CNN training step takes at most ${acceptance.trainStepVsPytorch}x PyTorch's on one CPU thread (${backend} time / PyTorch time)`,
        reference: null,
        ours: ms / pytorch.ms,
        unit: 'x',
        test: { op: '<=', bound: acceptance.trainStepVsPytorch },
        detail: `${backend} ${ms.toFixed(2)} ms, PyTorch ${pytorch.ms.toFixed(2)} ms (${pytorch.label})`,
      }),
    );
  }
  return out;
}
