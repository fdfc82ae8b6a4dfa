import { setupBackend } from './backend.js';
import { type BackendReport, isBackendChoice } from './backend-names.js';
import type { Reply, Request } from './protocol.js';

/** A job the worker runs: its arguments, a callback for streamed partial results; resolves to the final one. */
export type JobHandler = (args: never, emit: (value: unknown) => void) => Promise<unknown> | unknown;

/** The scope a dedicated worker runs in (typed structurally so the page tsconfig needs no WebWorker lib). */
interface WorkerScope {
  onmessage: ((event: { data: Request }) => void) | null;
  postMessage(message: Reply, transfer?: Transferable[]): void;
}

/**
 * Answers a page's requests inside a Web Worker: `init` sets up the backend (see setupBackend), `job` runs the
 * named handler. Jobs run one at a time in arrival order, so a job never sees a backend switch half-way.
 * Float32Array results are transferred, not copied.
 */
export function serveWorker(handlers: Readonly<Record<string, JobHandler>>): void {
  const scope = globalThis as unknown as WorkerScope;
  let queue: Promise<unknown> = Promise.resolve();
  scope.onmessage = ({ data }) => {
    queue = queue.then(() => handle(scope, handlers, data));
  };
}

async function handle(scope: WorkerScope, handlers: Readonly<Record<string, JobHandler>>, request: Request) {
  const { id } = request;
  try {
    let value: unknown;
    if (request.kind === 'init') {
      if (!isBackendChoice(request.backend)) throw new Error(`unknown backend '${request.backend}'`);
      value = (await setupBackend(request.backend)) satisfies BackendReport;
    } else {
      const handler = handlers[request.name];
      if (handler === undefined) throw new Error(`unknown job '${request.name}'`);
      value = await handler(request.args as never, (progress) =>
        scope.postMessage({ id, type: 'progress', value: progress }),
      );
    }
    scope.postMessage({ id, type: 'done', value }, transferables(value));
  } catch (error) {
    scope.postMessage({ id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

function transferables(value: unknown): Transferable[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap((v) => (v instanceof Float32Array ? [v.buffer as ArrayBuffer] : []));
}
