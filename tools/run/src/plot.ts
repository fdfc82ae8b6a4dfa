import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Row, toCsv } from './csv.js';

/** A Vega-Lite specification (https://vega.github.io/vega-lite/) with its data inline in `data.values`. */
export type VegaLiteSpec = { readonly data?: { readonly values?: readonly Row[] } } & Readonly<Record<string, unknown>>;

interface VegaLiteModule {
  compile(spec: unknown): { spec: unknown };
}
interface VegaModule {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: 'none' }) => { toSVG(): Promise<string>; finalize(): void };
}

/**
 * Renders a Vega-Lite spec to an SVG string in Node, without a browser (vega's headless View; text is
 * measured approximately since no canvas is installed). vega and vega-lite are loaded on the first call.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vegaLite, vega] = (await Promise.all([import('vega-lite'), import('vega')])) as unknown as [
    VegaLiteModule,
    VegaModule,
  ];
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The files {@link writePlot} wrote. */
export interface PlotFiles {
  readonly svg: string;
  readonly spec: string;
  readonly csv: string;
}

/**
 * Writes a figure three ways into `dir`: `<name>.svg` (rendered), `<name>.vl.json` (the spec, to restyle
 * or open in the Vega editor) and `<name>.csv` (the plotted rows, for any other tool).
 *
 * @throws Error when the spec carries no inline rows in `data.values`.
 */
export async function writePlot(dir: string, name: string, spec: VegaLiteSpec): Promise<PlotFiles> {
  const rows = spec.data?.values;
  if (!Array.isArray(rows)) {
    throw new Error(`writePlot: argument 'spec' must carry the plotted rows in data.values (plot '${name}')`);
  }
  const files = {
    svg: join(dir, `${name}.svg`),
    spec: join(dir, `${name}.vl.json`),
    csv: join(dir, `${name}.csv`),
  };
  writeFileSync(files.spec, `${JSON.stringify(spec, null, 2)}\n`);
  writeFileSync(files.csv, toCsv(rows));
  writeFileSync(files.svg, await renderSvg(spec));
  return files;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  readonly rows: readonly Row[];
  /** Column on the x axis (quantitative). */
  readonly x: string;
  /** Column on the y axis (quantitative). */
  readonly y: string;
  /** Column that splits the rows into lines (nominal), e.g. `method`. */
  readonly color?: string;
  readonly title?: string;
  readonly xTitle?: string;
  readonly yTitle?: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** Include 0 in a linear axis's range: Vega-Lite's default (true); false fits the axis to the data. */
  readonly zeroX?: boolean;
  readonly zeroY?: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** A Vega-Lite line chart of `rows` (loss curves, variance against a parameter, ...), with points. */
export function lineChart(options: LineChartOptions): VegaLiteSpec {
  const axis = (field: string, title: string | undefined, log: boolean | undefined, zero: boolean | undefined) => ({
    field,
    type: 'quantitative',
    title: title ?? field,
    ...(log ? { scale: { type: 'log' } } : zero === false ? { scale: { zero: false } } : {}),
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.title === undefined ? {} : { title: options.title }),
    width: options.width ?? 480,
    height: options.height ?? 300,
    data: { values: options.rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: axis(options.x, options.xTitle, options.logX, options.zeroX),
      y: axis(options.y, options.yTitle, options.logY, options.zeroY),
      ...(options.color === undefined
        ? {}
        : { color: { field: options.color, type: 'nominal', legend: { labelLimit: 300 } } }),
    },
  };
}
