import type { Metrics, ProgressReporter } from '@proj/core';
import { MultiBar, type SingleBar } from 'cli-progress';

/**
 * Progress of a long run: a {@link ProgressReporter} (what the libraries' long-running functions take) that can
 * also print messages. Experiments talk to a Reporter and never write to the console directly, so that the same
 * code shows a bar on a terminal, periodic lines in CI logs and nothing in tests.
 */
export interface Reporter extends ProgressReporter {
  /** Prints a message without breaking the bar. */
  log(message: string): void;
}

/** How a {@link Reporter} shows progress; `auto` picks one from the environment. */
export type ReporterMode = 'auto' | 'bar' | 'lines' | 'silent';

/** Options of {@link createReporter}. */
export interface ReporterOptions {
  /**
   * Default `auto`: `silent` under vitest or NODE_ENV=test, `lines` under CI or when not a TTY, else `bar`.
   * `bar` on a stream that is not a TTY (a pipe, a file) prints a notice and falls back to `lines`.
   */
  readonly mode?: ReporterMode;
  /** Where progress goes; default `process.stderr`, leaving stdout to the results. */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** In `lines` mode, the least time between two progress lines; default 5000 ms. */
  readonly intervalMs?: number;
  /** Environment consulted by `auto`; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Clock in ms, for tests; default `performance.now`. */
  readonly now?: () => number;
}

/**
 * Creates a {@link Reporter}: a progress bar (cli-progress) on a terminal, a line every `intervalMs` when
 * output is a log (CI, pipes), nothing in tests.
 *
 * @example
 * const reporter = createReporter();
 * reporter.start(steps, 'train');
 * for (let step = 1; step <= steps; step++) reporter.tick(step, { loss });
 * reporter.done();
 */
export function createReporter(options: ReporterOptions = {}): Reporter {
  const stream = options.stream ?? process.stderr;
  const mode = resolveMode(options.mode ?? 'auto', stream, options.env ?? process.env);
  const now = options.now ?? (() => performance.now());
  if (mode === 'silent') return silentReporter;
  if (mode === 'bar' && !stream.isTTY) {
    // cli-progress draws nothing on a pipe or a file until it stops, and then unfilled templates.
    stream.write('progress: a bar needs a terminal and this output is not one; printing progress lines instead\n');
  }
  if (mode === 'lines' || !stream.isTTY) return lineReporter(stream, options.intervalMs ?? 5000, now);
  return barReporter(stream);
}

/** A reporter that shows nothing (tests, library use). */
export const silentReporter: Reporter = { start() {}, tick() {}, log() {}, done() {} };

/** Resolves `auto` to a concrete mode. */
export function resolveMode(
  mode: ReporterMode,
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): Exclude<ReporterMode, 'auto'> {
  if (mode !== 'auto') return mode;
  if (env.VITEST !== undefined || env.NODE_ENV === 'test') return 'silent';
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
  return ci || !stream.isTTY ? 'lines' : 'bar';
}

/** `loss=0.1235 acc=0.9` with four significant digits. */
export function formatMetrics(metrics: Metrics | undefined): string {
  if (metrics === undefined) return '';
  return Object.entries(metrics)
    .map(([name, value]) => `${name}=${Number.isInteger(value) ? value : Number(value.toPrecision(4))}`)
    .join(' ');
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}s`;
}

function lineReporter(stream: NodeJS.WritableStream, intervalMs: number, now: () => number): Reporter {
  let label = '';
  let total = 0;
  let started = 0;
  let lastPrint = Number.NEGATIVE_INFINITY;
  let lastStep = 0;
  let active = false;
  const write = (line: string) => stream.write(`${line}\n`);
  return {
    start(steps, name = 'run') {
      label = name;
      total = steps;
      started = now();
      lastPrint = started;
      lastStep = 0;
      active = true;
      write(`[${label}] started: ${total} steps`);
    },
    tick(step, metrics) {
      lastStep = step;
      const time = now();
      if (time - lastPrint < intervalMs && step < total) return;
      lastPrint = time;
      const elapsed = time - started;
      const eta = step > 0 ? (elapsed / step) * (total - step) : 0;
      const percent = total > 0 ? Math.floor((100 * step) / total) : 100;
      const tail = formatMetrics(metrics);
      write(
        `[${label}] ${step}/${total} (${percent}%) ${formatSeconds(elapsed)} elapsed, ETA ${formatSeconds(eta)}${tail ? ` | ${tail}` : ''}`,
      );
    },
    log(message) {
      write(message);
    },
    done() {
      if (!active) return;
      active = false;
      const steps = lastStep === total ? `${total} steps` : `stopped at step ${lastStep} of ${total}`;
      write(`[${label}] done: ${steps} in ${formatSeconds(now() - started)}`);
    },
  };
}

function barReporter(stream: NodeJS.WritableStream): Reporter {
  const bars = new MultiBar(
    {
      stream,
      format:
        '{label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed, ETA {eta_formatted} | {metrics}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    { format: '', barCompleteChar: '█', barIncompleteChar: '░' },
  );
  let bar: SingleBar | undefined;
  return {
    start(total, label = 'run') {
      bar?.stop();
      bar = bars.create(total, 0, { label, metrics: '' });
    },
    tick(step, metrics) {
      bar?.update(step, { metrics: formatMetrics(metrics) });
    },
    log(message) {
      bars.log(`${message}\n`);
    },
    done() {
      bar?.stop();
      bars.stop();
      bar = undefined;
    },
  };
}
