import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeBackend } from '@proj/core';
import type { Environment } from '@proj/run';
import { Marked } from 'marked';
import { formatNumber, formatTest } from '../claim.js';
import { type ClaimSummary, type Spread, summarizeBenchmarks, summarizeClaims } from './aggregate.js';
import type { AppReport } from './run-report.js';

/** What the report's header says about how it was made. */
export interface ReportMeta {
  /** The command line that made it, e.g. `pnpm repro report --config quick`. */
  readonly command: string;
  readonly config: string;
  readonly seeds: readonly number[];
  readonly startedAt: Date;
  readonly ms: number;
  /** This process's environment: used where no run finished. */
  readonly environment: Environment;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

const table = (header: readonly string[], rows: readonly (readonly string[])[]) =>
  [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');

const minutes = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};

/** `1.234 ± 0.041`: the mean with 4 significant digits, the sd over seeds with 2; the value alone for one seed; `–` for none. */
export function formatSpread(value: Spread, unit = ''): string {
  const u = unit === '' ? '' : ` ${unit}`;
  if (value.n === 0) return '–';
  if (value.n === 1) return `${formatNumber(value.mean)}${u}`;
  const { sd } = value;
  const small = sd !== 0 && (Math.abs(sd) < 1e-3 || Math.abs(sd) >= 1e6);
  return `${formatNumber(value.mean)} ± ${small ? sd.toExponential(1) : String(Number(sd.toPrecision(2)))}${u}`;
}

/** "holds?" of a claim over seeds: `yes (3/3)`, `no (0/3)` or `partly (2/3)`. */
export function formatHolds(summary: ClaimSummary): string {
  const n = summary.seeds.length;
  const word = summary.holdsIn === n ? 'yes' : summary.holdsIn === 0 ? 'no' : 'partly';
  return `${word} (${summary.holdsIn}/${n})`;
}

/** The "paper" cell: the paper's number and where it says it, ours-exact marked as such, `—` for none. */
function formatReference(summary: ClaimSummary): string {
  const { reference, unit } = summary;
  if (reference === null) return '—';
  const value = `${formatNumber(reference.value)}${unit === '' ? '' : ` ${unit}`}`;
  return reference.kind === 'paper'
    ? `${value} (${reference.source})`
    : `— (ours-exact: ${value}, ${reference.source})`;
}

/** The command that reproduces an app's claims at full scale (its default config, the same seeds). */
const fullScale = (app: string) => `pnpm repro report --only ${app} --config default`;

const stateText = (app: AppReport) => {
  const counts = new Map<string, number>();
  for (const run of app.runs) counts.set(run.state, (counts.get(run.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => (n === app.runs.length ? state : `${n} ${state}`)).join(', ');
};

const describeEnv = (env: Environment) => ({
  backend: env.backend === null ? 'not recorded' : describeBackend(env.backend),
  tfjs: env.backend?.tfjsVersion ?? '–',
});

/** Where the report ran: from the first finished run (its backend), else this process. */
function environmentSection(apps: readonly AppReport[], meta: ReportMeta): string {
  const env = apps.find((app) => app.environment !== null)?.environment ?? meta.environment;
  const backends = [
    ...new Set(apps.flatMap((app) => (app.environment === null ? [] : [describeEnv(app.environment).backend]))),
  ];
  const git =
    env.git === null ? 'not a git checkout' : `${env.git.commit}${env.git.dirty ? ' (with local changes)' : ''}`;
  return [
    '## Environment',
    '',
    table(
      ['what', 'value'],
      [
        ['backend', backends.length > 0 ? backends.join('; ') : describeEnv(env).backend],
        ['tfjs', describeEnv(env).tfjs],
        ['Node', env.node],
        ['CPU', `${env.cpu} × ${env.cpuCount}`],
        ['memory', `${env.memoryGiB} GiB`],
        ['OS', `${env.platform} ${env.osRelease} (${env.arch})`],
        ['date', meta.startedAt.toISOString()],
        ['git commit', git],
        ['command', `\`${meta.command}\``],
      ],
    ),
  ].join('\n');
}

function benchmarkSection(apps: readonly AppReport[]): string {
  const rows = apps.flatMap((app) =>
    summarizeBenchmarks(app.results).map((b) => [
      b.workload,
      `${b.ours.label}: ${formatSpread(b.ours.ms, 'ms')}`,
      `${b.reference.label}: ${formatSpread(b.reference.ms, 'ms')}`,
      `${formatSpread(b.ratio)}x`,
      `\`pnpm repro ${app.app}\``,
    ]),
  );
  if (rows.length === 0) return '';
  return [
    '## Benchmarks',
    '',
    'Medians of each run, mean ± sd over seeds; a ratio above 1 means ours takes longer than the reference.',
    '',
    table(['workload', 'ours', 'reference', 'ours / reference', 'command'], rows),
  ].join('\n');
}

function logTail(out: string, app: AppReport): string {
  const failed = app.runs.find((run) => run.state !== 'finished');
  if (failed === undefined) return '';
  let text: string;
  try {
    text = readFileSync(join(out, failed.log), 'utf8');
  } catch {
    text = '(no log)';
  }
  const tail = text.trimEnd().split('\n').slice(-30).join('\n');
  return [
    '',
    `Seed ${failed.seed} ${failed.state}${failed.reason === undefined ? '' : `: ${failed.reason}`}. End of its log (\`${failed.log}\`):`,
    '',
    '```text',
    tail.replace(/```/g, "'''"),
    '```',
  ].join('\n');
}

function appSection(out: string, app: AppReport): string {
  const claims = summarizeClaims(app.results);
  const seconds = app.runs.reduce((sum, run) => sum + run.ms, 0);
  const lines = [
    `## ${app.app}`,
    '',
    `${app.title}. Source: ${app.paper}.`,
    '',
    `Config \`${app.config}\`, seeds ${app.seeds.join(', ')}: ${stateText(app)} in ${minutes(seconds)}${app.reused ? ' (reused from an earlier report: code and config unchanged)' : ''}. One seed: \`pnpm repro ${app.app} --config ${app.config} --seed ${app.seeds[0]}\`.`,
  ];
  if (claims.length > 0) {
    lines.push(
      '',
      table(
        ['claim', 'paper', `ours (mean ± sd over seeds)`, 'holds?', 'test', 'full scale'],
        claims.map((c) => [
          `${c.text} \`${c.id}\``,
          formatReference(c),
          formatSpread(c.ours, c.unit),
          formatHolds(c),
          formatTest(c.test, c.unit),
          `\`${fullScale(app.app)}\``,
        ]),
      ),
    );
  } else if (app.results.length > 0) {
    lines.push('', 'No claims stated by this config.');
  }
  for (const figure of app.figures) lines.push('', `![${app.app}: ${figure.split('/').pop()}](${figure})`);
  const tail = logTail(out, app);
  if (tail !== '') lines.push(tail);
  return lines.join('\n');
}

/**
 * REPORT.md: the summary across apps, the environment, the benchmark ratios, then per app the claims table
 * ("claim | paper | ours | holds? | test | full scale"), its figures (relative links under figures/) and, for an
 * app that failed or was interrupted, the end of its log. `out` is the report folder (logs are read from it).
 */
export function renderMarkdown(out: string, apps: readonly AppReport[], meta: ReportMeta): string {
  const summaries = apps.map((app) => ({ app, claims: summarizeClaims(app.results) }));
  const allClaims = summaries.flatMap((s) => s.claims);
  const holdEverywhere = allClaims.filter((c) => c.holdsIn === c.seeds.length).length;
  const finishedApps = apps.filter((app) => app.runs.every((run) => run.state === 'finished')).length;
  const runMs = apps.reduce((sum, app) => sum + app.runs.reduce((s, run) => s + run.ms, 0), 0);
  const reused = apps.filter((app) => app.reused).length;
  const header = [
    '# Reproduction report',
    '',
    `Made by \`${meta.command}\` (config \`${meta.config}\`, seeds ${meta.seeds.join(', ')}) on ${meta.startedAt.toISOString().slice(0, 10)}: ` +
      `${minutes(runMs)} of runs${reused === 0 ? '' : ` (${reused} of the apps reused from an earlier report, with the time their runs took)`}, this invocation ${minutes(meta.ms)}. ` +
      `${apps.length} apps, ${finishedApps} finished on every seed; ${holdEverywhere} of ${allClaims.length} claims hold on every seed. ` +
      'Each claim is checked on each seed; "ours" is the mean ± sd over the seeds, "holds?" in how many seeds the test passed. ' +
      'A "paper" number is one the paper, its code or its tutorial states (with where); "ours-exact" marks a reference we computed exactly.',
    '',
    table(
      ['app', 'reproduces', 'state', 'claims holding on every seed', 'time'],
      summaries.map(({ app, claims }) => [
        `[${app.app}](#${app.app})`,
        app.title,
        stateText(app),
        claims.length === 0 ? '–' : `${claims.filter((c) => c.holdsIn === c.seeds.length).length} of ${claims.length}`,
        minutes(app.runs.reduce((sum, run) => sum + run.ms, 0)),
      ]),
    ),
  ].join('\n');
  return [header, environmentSection(apps, meta), benchmarkSection(apps), ...apps.map((app) => appSection(out, app))]
    .filter((part) => part !== '')
    .join('\n\n')
    .concat('\n');
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:13px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}img{max-width:100%;border:1px solid #eee;margin:.5em 0}pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px}
code{font-size:90%}`;

/**
 * report.html: REPORT.md as one self-contained page (opens offline): the figures inlined as data URIs, read from
 * `out` (the report folder).
 */
export function renderHtml(out: string, markdown: string): string {
  const marked = new Marked({
    async: false,
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const text = this.parser.parseInline(tokens);
        const id = depth === 2 ? ` id="${text.replace(/<[^>]+>/g, '').trim()}"` : '';
        return `<h${depth}${id}>${text}</h${depth}>\n`;
      },
      image({ href, text }) {
        const type = href.endsWith('.svg') ? 'image/svg+xml' : 'image/png';
        const data = readFileSync(join(out, href)).toString('base64');
        return `<img alt="${text.replace(/"/g, '&quot;')}" src="data:${type};base64,${data}">`;
      },
    },
  });
  const body = marked.parse(markdown) as string;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Reproduction report</title><style>${STYLE}</style></head>\n<body>\n${body}</body></html>\n`;
}
