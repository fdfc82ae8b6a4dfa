import type { BackendReport } from './backend-names.js';
import type { Reply, Request } from './protocol.js';

type Pending = {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress: ((value: unknown) => void) | undefined;
};

/** The page side of serveWorker: promises for requests, callbacks for streamed progress. */
export class WorkerClient {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = ({ data }: MessageEvent<Reply>) => this.receive(data);
  }

  /** Sets up the backend in the worker (`auto`, `webgpu`, `webgl`, `wasm` or `cpu`). */
  init(backend: string): Promise<BackendReport> {
    return this.send({ id: this.nextId++, kind: 'init', backend }, undefined) as Promise<BackendReport>;
  }

  /** Runs a named job; `onProgress` receives each streamed partial result. */
  run<T>(name: string, args: unknown, onProgress?: (value: T) => void): Promise<T> {
    const request: Request = { id: this.nextId++, kind: 'job', name, args };
    return this.send(request, onProgress as ((value: unknown) => void) | undefined) as Promise<T>;
  }

  private send(request: Request, onProgress: ((value: unknown) => void) | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, onProgress });
      this.worker.postMessage(request);
    });
  }

  private receive(reply: Reply): void {
    const entry = this.pending.get(reply.id);
    if (entry === undefined) return;
    if (reply.type === 'progress') {
      entry.onProgress?.(reply.value);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === 'done') entry.resolve(reply.value);
    else entry.reject(new Error(reply.message));
  }
}

/**
 * Wraps an async function so that calls made while one runs collapse into one call with the latest
 * arguments, run when the current one ends (a slider that moves faster than the work queues nothing stale).
 */
export function latestOnly<A>(fn: (args: A) => Promise<void>): (args: A) => void {
  let running = false;
  let queued: { args: A } | undefined;
  const loop = async (args: A) => {
    running = true;
    try {
      await fn(args);
    } finally {
      running = false;
      const next = queued;
      queued = undefined;
      if (next !== undefined) void loop(next.args);
    }
  };
  return (args) => {
    if (running) queued = { args };
    else void loop(args);
  };
}
