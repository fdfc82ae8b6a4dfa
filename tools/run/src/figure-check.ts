import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { decode } from 'fast-png';

/** An element of a parsed SVG document. */
export interface SvgElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: SvgElement[];
  /** Text content directly inside the element (entities left as written). */
  text: string;
}

/**
 * Parses SVG text into an element tree: tags, attributes and text; comments, processing instructions, doctype
 * and CDATA are skipped. Enough for the machine-written SVG of vega; not a validating XML parser.
 *
 * @throws Error when tags do not nest or the document has no root element.
 */
export function parseSvg(text: string): SvgElement {
  const root: SvgElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: SvgElement[] = [root];
  const token =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>/g;
  let last = 0;
  for (let match = token.exec(text); match !== null; match = token.exec(text)) {
    stack[stack.length - 1]!.text += text.slice(last, match.index);
    last = token.lastIndex;
    const [, closing, name, rawAttributes, selfClosing] = match;
    if (name === undefined) continue;
    if (closing) {
      const open = stack.pop();
      if (open === undefined || open.name !== name || stack.length === 0) {
        throw new Error(`parseSvg: closing tag </${name}> does not match <${open?.name ?? 'nothing'}>`);
      }
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, double, single] of rawAttributes!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes[key!] = double ?? single ?? '';
    }
    const element: SvgElement = { name: name!, attributes, children: [], text: '' };
    stack[stack.length - 1]!.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`parseSvg: <${stack[stack.length - 1]!.name}> is never closed`);
  const [svg] = root.children;
  if (svg === undefined) throw new Error('parseSvg: no root element');
  return svg;
}

/** A 2-d point. */
type Point = readonly [number, number];

/** What {@link assertFigureNotEmpty} found in a figure. */
export interface FigureMarks {
  /** Data-mark containers (vega's `role-mark` groups: bars, lines, points, rules, areas, text). */
  readonly marks: number;
  /** Items in them (one bar, one line, one point), each with finite coordinates and non-zero extent. */
  readonly items: number;
}

/** Options of {@link assertFigureNotEmpty}. */
export interface FigureCheckOptions {
  /**
   * Also require every vertex of every data mark to lie inside its plot frame (1.5 px of slack): nothing
   * plotted falls outside the axis domains, even where the marks are clipped.
   */
  readonly insideFrame?: boolean;
}

/**
 * Checks that an SVG figure rendered by vega (through {@link writePlot}) shows data: it parses, no attribute holds
 * NaN or Infinity, it has at least one data mark, and every item of every data mark has finite coordinates and a
 * non-zero extent (bars and areas a non-zero width and height, lines, rules and points a non-zero size). Axes,
 * grids, legends and titles do not count as data marks. The apps' smoke tests run it on every figure they write.
 *
 * @throws Error naming the file and the first problem found.
 */
export function assertFigureNotEmpty(svgPath: string, options: FigureCheckOptions = {}): FigureMarks {
  const fail = (problem: string): never => {
    throw new Error(`assertFigureNotEmpty: ${svgPath}: ${problem}`);
  };
  let svg: SvgElement;
  try {
    svg = parseSvg(readFileSync(svgPath, 'utf8'));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (svg.name !== 'svg') fail(`the root element is <${svg.name}>, not <svg>`);
  for (const key of ['width', 'height']) {
    const value = Number(svg.attributes[key]);
    if (!(value > 0 && Number.isFinite(value))) fail(`the <svg> ${key} is '${svg.attributes[key]}'`);
  }
  walk(svg, (element) => {
    for (const [key, value] of Object.entries(element.attributes)) {
      if (/NaN|Infinity/.test(value)) fail(`<${element.name} ${key}="${value.slice(0, 120)}"> holds NaN or Infinity`);
    }
  });
  let marks = 0;
  let items = 0;
  const visit = (element: SvgElement, offset: Point, frame: Frame | undefined) => {
    const here = translate(offset, element.attributes.transform);
    const own = frameOf(element, here) ?? frame;
    const kind = markKind(element);
    if (kind !== undefined) {
      marks++;
      for (const item of element.children) {
        const { anchor, vertices } = itemVertices(item, here, fail);
        const label = item.attributes['aria-label'];
        const describe = () => `a ${kind} mark item${label ? ` (${label})` : ''}`;
        if ([anchor, ...vertices].some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) {
          fail(`${describe()} has non-finite coordinates`);
        }
        const [width, height] = extent(vertices);
        const areal = kind === 'rect' || kind === 'area' || kind === 'arc';
        const empty =
          kind === 'text' ? item.text.trim() === '' : areal ? width <= 0 || height <= 0 : width <= 0 && height <= 0;
        if (empty) fail(`${describe()} has zero extent (width ${width}, height ${height})`);
        if (options.insideFrame) {
          if (own === undefined) fail(`${describe()} lies in no plot frame`);
          const frame = own!;
          for (const [x, y] of kind === 'symbol' || kind === 'text' ? [anchor] : vertices) {
            if (x < frame.x0 - 1.5 || x > frame.x1 + 1.5 || y < frame.y0 - 1.5 || y > frame.y1 + 1.5) {
              fail(
                `${describe()} has a point (${x.toFixed(1)}, ${y.toFixed(1)}) outside its plot frame ` +
                  `[${frame.x0}, ${frame.x1}]×[${frame.y0}, ${frame.y1}]`,
              );
            }
          }
        }
        items++;
      }
      return;
    }
    for (const child of element.children) visit(child, here, own);
  };
  visit(svg, [0, 0], undefined);
  if (items === 0)
    fail(marks === 0 ? 'no data marks (only axes, legends or titles)' : `${marks} data marks, all without items`);
  return { marks, items };
}

/**
 * Checks that a PNG image shows something: it decodes, has pixels, and not all of them have the same value.
 *
 * @throws Error naming the file when it is blank.
 */
export function assertImageNotBlank(pngPath: string): { readonly width: number; readonly height: number } {
  const image = decode(readFileSync(pngPath));
  const { width, height, channels, data } = image;
  if (!(width > 0 && height > 0)) throw new Error(`assertImageNotBlank: ${pngPath}: ${width}×${height} pixels`);
  let differs = false;
  for (let i = channels; i < data.length && !differs; i += channels) {
    for (let c = 0; c < channels; c++) if (data[i + c] !== data[c]) differs = true;
  }
  if (!differs) throw new Error(`assertImageNotBlank: ${pngPath}: every pixel has the same value (a blank image)`);
  return { width, height };
}

/**
 * Runs {@link assertFigureNotEmpty} on every `.svg` and {@link assertImageNotBlank} on every `.png` in `dir`
 * (not recursive) and returns their names, sorted, so that a test can also check which figures were written.
 */
export function assertFiguresNotEmpty(dir: string, options: FigureCheckOptions = {}): string[] {
  const names = readdirSync(dir)
    .filter((name) => ['.svg', '.png'].includes(extname(name)))
    .sort();
  for (const name of names) {
    if (extname(name) === '.svg') assertFigureNotEmpty(join(dir, name), options);
    else assertImageNotBlank(join(dir, name));
  }
  return names.map((name) => basename(name));
}

interface Frame {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

function walk(element: SvgElement, visit: (element: SvgElement) => void): void {
  visit(element);
  for (const child of element.children) walk(child, visit);
}

/** `line` for `<g class="mark-line role-mark ...">`, a container of data-mark items; undefined otherwise. */
function markKind(element: SvgElement): string | undefined {
  if (element.name !== 'g') return undefined;
  const classes = (element.attributes.class ?? '').split(/\s+/);
  if (!classes.includes('role-mark')) return undefined;
  const kind = classes.find((c) => c.startsWith('mark-'))?.slice('mark-'.length);
  return kind === 'group' ? undefined : (kind ?? 'unknown');
}

/** A plot frame: a group whose `path.background` child has a non-zero width and height (vega's cells). */
function frameOf(element: SvgElement, offset: Point): Frame | undefined {
  const background = element.children.find((c) => c.name === 'path' && c.attributes.class === 'background');
  if (background === undefined) return undefined;
  const points = pathVertices(background.attributes.d ?? '', offset);
  const [width, height] = extent(points);
  if (!(width > 0 && height > 0)) return undefined;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

/** The offset after an element's `transform` (translations only; rotations and scales leave extents non-zero). */
function translate(offset: Point, transform: string | undefined): Point {
  if (transform === undefined) return offset;
  let [x, y] = offset;
  for (const [, args] of transform.matchAll(/translate\(([^)]*)\)/g)) {
    const [dx = 0, dy = 0] = args!
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    x += dx;
    y += dy;
  }
  return [x, y];
}

/**
 * One mark item in absolute coordinates: its anchor (the translation vega draws it at: a point's center, a
 * text's position) and the vertices of its shape.
 */
function itemVertices(
  item: SvgElement,
  offset: Point,
  fail: (problem: string) => never,
): { anchor: Point; vertices: Point[] } {
  const at = translate(offset, item.attributes.transform);
  const number = (key: string) => (item.attributes[key] === undefined ? 0 : Number(item.attributes[key]));
  const shape = (vertices: Point[]) => ({ anchor: at, vertices });
  switch (item.name) {
    case 'path':
      return shape(pathVertices(item.attributes.d ?? '', at));
    case 'rect': {
      const [x, y] = [at[0] + number('x'), at[1] + number('y')];
      return shape([
        [x, y],
        [x + number('width'), y + number('height')],
      ]);
    }
    case 'line':
      return shape([
        [at[0] + number('x1'), at[1] + number('y1')],
        [at[0] + number('x2'), at[1] + number('y2')],
      ]);
    case 'circle':
    case 'ellipse': {
      const [cx, cy] = [at[0] + number('cx'), at[1] + number('cy')];
      const [rx, ry] = item.name === 'circle' ? [number('r'), number('r')] : [number('rx'), number('ry')];
      return {
        anchor: [cx, cy],
        vertices: [
          [cx - rx, cy - ry],
          [cx + rx, cy + ry],
        ],
      };
    }
    case 'text': {
      const position: Point = [at[0] + number('x'), at[1] + number('y')];
      return { anchor: position, vertices: [position] };
    }
    case 'polyline':
    case 'polygon': {
      const values = (item.attributes.points ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      return shape(
        Array.from(
          { length: Math.floor(values.length / 2) },
          (_, i): Point => [at[0] + values[2 * i]!, at[1] + values[2 * i + 1]!],
        ),
      );
    }
    default:
      return fail(`unexpected <${item.name}> inside a data mark`);
  }
}

/**
 * The points an SVG path visits (end points and control points; arcs add their radii around their end points),
 * in absolute coordinates. Every command of SVG 1.1 is understood, absolute and relative.
 */
export function pathVertices(d: string, offset: Point = [0, 0]): Point[] {
  const tokens = d.match(/[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|NaN|[-+]?Infinity/g) ?? [];
  const points: Point[] = [];
  let [x, y] = [0, 0];
  let [startX, startY] = [0, 0];
  let command = '';
  let i = 0;
  const next = () => Number(tokens[i++]);
  const push = (px: number, py: number) => points.push([offset[0] + px, offset[1] + py]);
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i]!)) command = tokens[i++]!;
    const relative = command === command.toLowerCase();
    const bx = relative ? x : 0;
    const by = relative ? y : 0;
    switch (command.toUpperCase()) {
      case 'Z':
        [x, y] = [startX, startY];
        continue;
      case 'M':
      case 'L':
      case 'T': {
        [x, y] = [bx + next(), by + next()];
        if (command.toUpperCase() === 'M') {
          [startX, startY] = [x, y];
          command = relative ? 'l' : 'L';
        }
        break;
      }
      case 'H':
        x = bx + next();
        break;
      case 'V':
        y = by + next();
        break;
      case 'C': {
        push(bx + next(), by + next());
        push(bx + next(), by + next());
        [x, y] = [bx + next(), by + next()];
        break;
      }
      case 'S':
      case 'Q': {
        push(bx + next(), by + next());
        [x, y] = [bx + next(), by + next()];
        break;
      }
      case 'A': {
        const [rx, ry] = [Math.abs(next()), Math.abs(next())];
        i += 3;
        const [fromX, fromY] = [x, y];
        [x, y] = [bx + next(), by + next()];
        const [mx, my] = [(fromX + x) / 2, (fromY + y) / 2];
        push(mx - rx, my - ry);
        push(mx + rx, my + ry);
        break;
      }
      default:
        i++;
        continue;
    }
    push(x, y);
  }
  return points;
}

/** Width and height of the bounding box of `points` (0 for fewer than two). */
function extent(points: readonly Point[]): [number, number] {
  if (points.length === 0) return [0, 0];
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
}
