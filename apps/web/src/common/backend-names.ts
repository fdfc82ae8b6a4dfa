/** The backends a page can run on, fastest first; `auto` takes the first that initialises. */
export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];
export type BackendChoice = BrowserBackend | 'auto';

/** What the worker's backend setup reports to the page. */
export interface BackendReport {
  readonly backend: BrowserBackend;
  readonly requested: BackendChoice;
  /** Faster backends `auto` passed over, each with the reason. */
  readonly skipped: readonly string[];
}

/** Whether a string names a backend choice. */
export function isBackendChoice(name: string): name is BackendChoice {
  return name === 'auto' || (BROWSER_BACKENDS as readonly string[]).includes(name);
}
