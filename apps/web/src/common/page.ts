import { type BackendReport, BROWSER_BACKENDS, isBackendChoice } from './backend-names.js';
import { WorkerClient } from './worker-client.js';

/** What {@link startPage} gives the page: its worker, the chosen seed, and a way to report progress. */
export interface PageContext {
  readonly client: WorkerClient;
  readonly backend: BackendReport;
  /** The seed shown in the header (from `?seed=`, default 1); edits call `onSeedChange`. */
  seed(): number;
  onSeedChange(listener: (seed: number) => void): void;
  /** Marks the page state for users and tests: `running`, `done` or `error` (body[data-state]). */
  setState(state: 'running' | 'done' | 'error', message?: string): void;
}

/**
 * The header every page shares: the backend picker (auto or an explicit backend, from `?backend=`; changing it
 * reloads the page with the new choice), the backend that actually runs, and the seed. Starts the page's
 * worker and sets its backend.
 */
export async function startPage(makeWorker: () => Worker): Promise<PageContext> {
  const params = new URLSearchParams(location.search);
  const requested = params.get('backend') ?? 'auto';
  const choice = isBackendChoice(requested) ? requested : 'auto';
  const select = byId<HTMLSelectElement>('backend-select');
  for (const name of ['auto', ...BROWSER_BACKENDS]) select.add(new Option(name, name, false, name === choice));
  select.onchange = () => {
    params.set('backend', select.value);
    location.search = params.toString();
  };
  const seedInput = byId<HTMLInputElement>('seed');
  seedInput.value = params.get('seed') ?? '1';
  const status = byId<HTMLElement>('status');
  const setState: PageContext['setState'] = (state, message) => {
    document.body.dataset.state = state;
    status.textContent = message ?? state;
  };
  setState('running', 'starting the backend…');
  const client = new WorkerClient(makeWorker());
  let backend: BackendReport;
  try {
    backend = await client.init(choice);
  } catch (error) {
    setState('error', error instanceof Error ? error.message : String(error));
    throw error;
  }
  showNumber(
    'backend-ready-ms',
    performance.now(),
    `backend ready ${performance.now().toFixed(0)} ms after navigation`,
  );
  const active = byId<HTMLElement>('backend-active');
  active.textContent = backend.backend;
  active.title = backend.skipped.join('\n');
  const seed = () => {
    const value = Number(seedInput.value);
    return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? value : 1;
  };
  return {
    client,
    backend,
    seed,
    onSeedChange: (listener) => {
      seedInput.onchange = () => listener(seed());
    },
    setState,
  };
}

/** The element with this id; throws naming it when the page lacks it. */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`page: no element #${id}`);
  return element as T;
}

/** Shows a number in an element, keeping the full value in data-value for tests. */
export function showNumber(id: string, value: number, text: string): void {
  const element = byId(id);
  element.textContent = text;
  element.dataset.value = String(value);
}

/** Draws grayscale values (clamped to [0, 1]) into a canvas of side × side pixels. O(side²). */
export function drawGray(canvas: HTMLCanvasElement, values: Float32Array, side: number): void {
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('drawGray: no 2d context');
  const image = context.createImageData(side, side);
  for (let p = 0; p < side * side; p++) {
    const v = Math.round(255 * Math.min(1, Math.max(0, values[p]!)));
    image.data.set([v, v, v, 255], 4 * p);
  }
  context.putImageData(image, 0, 0);
}
