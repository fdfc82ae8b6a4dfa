/** Marks the process-wide pump, so that a second copy of this module reuses it. */
const PUMP = Symbol.for('@proj/core/dawn-event-pump');

/** Dawn's event-processing callbacks that are queued but have not run yet. */
interface DawnEventPump {
  readonly pending: Set<() => void>;
}

type ImmediateScheduler = (callback: (...args: unknown[]) => void, ...args: unknown[]) => unknown;

/**
 * Dawn's Node bindings (npm `webgpu`) resolve `mapAsync` and other promises by calling `ProcessEvents` from a
 * callback they queue with the global `setImmediate`: a native function without a name, looked up on each
 * call. Those callbacks, and only those, are what this pump recognises.
 */
function isDawnCallback(callback: unknown): callback is (...args: unknown[]) => void {
  return (
    typeof callback === 'function' &&
    callback.name === '' &&
    Function.prototype.toString.call(callback).includes('[native code]')
  );
}

/**
 * Wraps the global `setImmediate` so that the event-processing callbacks Dawn queues can also be run
 * synchronously by {@link pumpDawnEvents} (each callback runs once: whichever comes first, the event loop or
 * the pump). Other callers' callbacks go straight to the original `setImmediate`. Must run before Dawn's
 * bindings queue their first callback, i.e. before `create()` of the `webgpu` package. Idempotent; a no-op
 * where there is no `setImmediate` (browsers). O(1).
 */
export function installDawnEventPump(): void {
  const scope = globalThis as typeof globalThis & { [PUMP]?: DawnEventPump };
  if (scope[PUMP] !== undefined || typeof scope.setImmediate !== 'function') return;
  const original = scope.setImmediate as unknown as ImmediateScheduler;
  const pending = new Set<() => void>();
  const setImmediate: ImmediateScheduler = (callback, ...args) => {
    if (!isDawnCallback(callback)) return original(callback, ...args);
    const run = () => {
      if (pending.delete(run)) callback(...args);
    };
    pending.add(run);
    return original(run);
  };
  // Keep util.promisify(setImmediate) and any other symbol-keyed extras working.
  for (const key of Object.getOwnPropertySymbols(original)) {
    Object.defineProperty(setImmediate, key, Object.getOwnPropertyDescriptor(original, key)!);
  }
  scope.setImmediate = setImmediate as unknown as typeof globalThis.setImmediate;
  scope[PUMP] = { pending };
}

/** Whether {@link installDawnEventPump} has run in this process. */
export function hasDawnEventPump(): boolean {
  return (globalThis as { [PUMP]?: DawnEventPump })[PUMP] !== undefined;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs Dawn's queued event processing synchronously until `done()` holds: the synchronous wait that the
 * WebGPU API lacks (e.g. for `mapAsync`, while the GPU, or lavapipe's threads, finish the submitted work).
 * Sleeps 20 µs between rounds so that a software driver keeps the CPU. Promises Dawn settles meanwhile run
 * their reactions later, as microtasks.
 *
 * @param done the condition to wait for, e.g. `() => buffer.mapState !== 'pending'`.
 * @param timeoutMs give up after this long; default 120 000.
 * @returns whether `done()` became true (false on timeout, or when no Dawn callback is queued at all).
 * @throws Error naming `pumpDawnEvents` when {@link installDawnEventPump} has not run.
 */
export function pumpDawnEvents(done: () => boolean, timeoutMs = 120_000): boolean {
  const pump = (globalThis as { [PUMP]?: DawnEventPump })[PUMP];
  if (pump === undefined) throw new Error('pumpDawnEvents: the Dawn event pump is not installed');
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    const [next] = pump.pending;
    if (next === undefined || performance.now() > deadline) return false;
    next();
    if (!done()) Atomics.wait(sleeper, 0, 0, 0.02);
  }
  return true;
}
