import { resolveMode } from '@proj/run';
import { MultiBar, type SingleBar } from 'cli-progress';

/** One run of the report: app `appIndex` of `appCount`, seed `seedIndex` of `seedCount`. */
export interface RunLabel {
  readonly app: string;
  readonly appIndex: number;
  readonly appCount: number;
  readonly seed: number;
  readonly seedIndex: number;
  readonly seedCount: number;
}

/** The report's one progress display across apps: which app and seed runs, its own progress, the report's ETA. */
export interface ReportProgress {
  started(run: RunLabel): void;
  /** A progress line the run printed (its reporter in `lines` mode). */
  line(run: RunLabel, text: string): void;
  ended(run: RunLabel, state: string, ms: number): void;
  log(message: string): void;
  done(): void;
}

/** Options of {@link createReportProgress}. */
export interface ReportProgressOptions {
  readonly mode: 'auto' | 'bar' | 'lines' | 'silent';
  /** The runs to do in this report (reused apps left out), in order. */
  readonly planned: readonly RunLabel[];
  readonly jobs: number;
  /** Expected milliseconds of a run (its duration in the previous report), when known. */
  readonly expectedMs: (run: RunLabel) => number | undefined;
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
  readonly now?: () => number;
}

const seconds = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

const tag = (run: RunLabel) =>
  `app ${run.appIndex + 1}/${run.appCount} ${run.app} seed ${run.seed} (${run.seedIndex + 1}/${run.seedCount})`;

/**
 * The report's progress: a bar with a line per running app on a terminal, prefixed lines in logs (CI, pipes),
 * nothing when silent. The ETA adds up the expected time of the runs still to do (their previous duration, else
 * the mean of the runs done so far), divided by the jobs.
 */
export function createReportProgress(options: ReportProgressOptions): ReportProgress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const mode = resolveMode(options.mode, stream, process.env);
  const start = now();
  const totalRuns = options.planned.length;
  const key = (run: RunLabel) => `${run.app}#${run.seed}`;
  const finished: number[] = [];
  const active = new Map<string, { run: RunLabel; since: number; bar?: SingleBar }>();
  const waiting = new Map(options.planned.map((run) => [key(run), run]));
  let pending = totalRuns;
  const eta = () => {
    const mean = finished.length > 0 ? finished.reduce((a, b) => a + b, 0) / finished.length : undefined;
    let remaining = 0;
    for (const { run, since } of active.values()) {
      const expected = options.expectedMs(run) ?? mean;
      if (expected === undefined) return undefined;
      remaining += Math.max(0, expected - (now() - since));
    }
    for (const run of waiting.values()) {
      const expected = options.expectedMs(run) ?? mean;
      if (expected === undefined) return undefined;
      remaining += expected;
    }
    return remaining / options.jobs;
  };
  const status = () => {
    const left = eta();
    return `${totalRuns - pending}/${totalRuns} runs, ${seconds(now() - start)} elapsed, ETA ${left === undefined ? '?' : seconds(left)}`;
  };
  if (mode === 'silent') {
    return { started() {}, line() {}, ended() {}, log() {}, done() {} };
  }
  if (mode === 'lines' || !stream.isTTY) {
    const write = (text: string) => stream.write(`${text}\n`);
    return {
      started(run) {
        waiting.delete(key(run));
        active.set(key(run), { run, since: now() });
        write(`[report] ${tag(run)}: started | ${status()}`);
      },
      line(run, text) {
        write(`[report] ${tag(run)}: ${text} | ${status()}`);
      },
      ended(run, state, ms) {
        active.delete(key(run));
        pending--;
        finished.push(ms);
        write(`[report] ${tag(run)}: ${state} in ${seconds(ms)} | ${status()}`);
      },
      log: write,
      done() {},
    };
  }
  const bars = new MultiBar(
    { stream, hideCursor: true, clearOnComplete: false, format: '{text}', barsize: 30 },
    { format: '', barCompleteChar: '█', barIncompleteChar: '░' },
  );
  const total = bars.create(totalRuns, 0, { text: '' }, { format: 'report [{bar}] {text}' });
  const refresh = () => total.update(totalRuns - pending, { text: status() });
  return {
    started(run) {
      waiting.delete(key(run));
      active.set(key(run), { run, since: now(), bar: bars.create(1, 0, { text: `${tag(run)}: starting` }) });
      refresh();
    },
    line(run, text) {
      active.get(key(run))?.bar?.update(0, { text: `${tag(run)}: ${text}` });
      refresh();
    },
    ended(run, state, ms) {
      const entry = active.get(key(run));
      if (entry?.bar !== undefined) bars.remove(entry.bar);
      active.delete(key(run));
      pending--;
      finished.push(ms);
      bars.log(`${tag(run)}: ${state} in ${seconds(ms)}\n`);
      refresh();
    },
    log(message) {
      bars.log(`${message}\n`);
    },
    done() {
      refresh();
      bars.stop();
    },
  };
}
