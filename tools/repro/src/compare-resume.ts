import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDefinition } from './app.js';
import {
  comparableMetrics,
  comparableResults,
  type InterruptedSmokeRun,
  interruptSmoke,
  resumeSmoke,
  type SmokeRun,
} from './run-smoke.js';

/** Options of {@link compareResume}. */
export interface CompareResumeOptions {
  /** Stop the smoke run once this many units have completed. */
  readonly afterUnits: number;
  /**
   * How many lines of the uninterrupted run's `metrics.jsonl` the interrupted run must have written (after
   * `normalizeMetrics`); left out, the metrics at the interruption are returned but not compared.
   */
  readonly metricsBefore?: number;
  /** Blanked in the strings of `results.json` besides durations, as in {@link comparableResults}. */
  readonly resultPatterns?: readonly RegExp[];
  /** Keeps what the app computes deterministically of the comparable `results.json` (default: all of it). */
  readonly normalizeResults?: (results: unknown) => unknown;
  /** Keeps what the app computes deterministically of the comparable metrics lines (default: all of them). */
  readonly normalizeMetrics?: (lines: unknown[]) => unknown[];
}

/** What the interrupted and the resumed run show, or what they should: see {@link compareResume}. */
export interface ResumeFacts {
  readonly interrupted: { readonly leakedTensors: number; readonly state: unknown; readonly completedUnits: unknown };
  /** The first `metricsBefore` metrics lines; only with that option. */
  readonly metricsWhenInterrupted?: unknown[];
  readonly resumed: {
    readonly dir: string;
    readonly leakedTensors: number;
    readonly state: unknown;
    readonly sessions: unknown;
  };
  readonly results: unknown;
  readonly metrics: unknown[];
}

/** What {@link compareResume} returns; a test asserts `expect(actual).toEqual(expected)`. */
export interface ResumeComparison<C> {
  readonly stopped: InterruptedSmokeRun;
  /** The comparable (and normalized) metrics lines the interrupted run had written before it was resumed. */
  readonly stoppedMetrics: unknown[];
  readonly resumed: SmokeRun<C>;
  readonly actual: ResumeFacts;
  readonly expected: ResumeFacts;
}

/**
 * The resumption test of an app's smoke test: interrupts a smoke run after `afterUnits` units
 * ({@link interruptSmoke}), resumes it ({@link resumeSmoke}) and sets what the two sessions show beside what
 * they should show: no tensor left alive by either, `status.json` `interrupted` with `afterUnits` completed
 * units then `finished` after 2 sessions in the same folder, the first `metricsBefore` metrics lines of `full`
 * written at the interruption, and in the end `results.json` and `metrics.jsonl` equal to those of `full`
 * (the uninterrupted smoke run) without timings ({@link comparableResults}, {@link comparableMetrics}).
 *
 * Reads and compares the run folders only (a few small files); the cost is the two smoke sessions.
 *
 * @throws Error when the run finished before stopping, or the resumed run did not finish.
 */
export async function compareResume<C>(
  app: AppDefinition<C>,
  root: string,
  full: { readonly dir: string },
  options: CompareResumeOptions,
): Promise<ResumeComparison<C>> {
  const { afterUnits, metricsBefore, resultPatterns = [] } = options;
  const normalizeResults = options.normalizeResults ?? ((results: unknown) => results);
  const normalizeMetrics = options.normalizeMetrics ?? ((lines: unknown[]) => lines);
  const results = (dir: string) => normalizeResults(comparableResults(dir, resultPatterns));
  const metrics = (dir: string) => normalizeMetrics(comparableMetrics(dir));

  const stopped = await interruptSmoke(app, root, { afterUnits });
  const stoppedStatus = readStatus(stopped.dir);
  const stoppedMetrics = metrics(stopped.dir);
  const resumed = await resumeSmoke(app, stopped.dir);
  const resumedStatus = readStatus(stopped.dir);
  const fullMetrics = metrics(full.dir);

  const prefix = (lines: unknown[]) => (metricsBefore === undefined ? {} : { metricsWhenInterrupted: lines });
  const actual: ResumeFacts = {
    interrupted: {
      leakedTensors: stopped.leakedTensors,
      state: stoppedStatus.state,
      completedUnits: stoppedStatus.completedUnits,
    },
    ...prefix(stoppedMetrics),
    resumed: {
      dir: resumed.dir,
      leakedTensors: resumed.leakedTensors,
      state: resumedStatus.state,
      sessions: resumedStatus.sessions,
    },
    results: results(resumed.dir),
    metrics: metrics(resumed.dir),
  };
  const expected: ResumeFacts = {
    interrupted: { leakedTensors: 0, state: 'interrupted', completedUnits: afterUnits },
    ...prefix(fullMetrics.slice(0, metricsBefore)),
    resumed: { dir: stopped.dir, leakedTensors: 0, state: 'finished', sessions: 2 },
    results: results(full.dir),
    metrics: fullMetrics,
  };
  return { stopped, stoppedMetrics, resumed, actual, expected };
}

function readStatus(dir: string): { state?: unknown; completedUnits?: unknown; sessions?: unknown } {
  return JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8'));
}
