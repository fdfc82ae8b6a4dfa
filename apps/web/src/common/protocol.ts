/** Messages between a page and its worker: a request with an id, answered by progress messages and one reply. */
export type Request =
  | { readonly id: number; readonly kind: 'init'; readonly backend: string }
  | { readonly id: number; readonly kind: 'job'; readonly name: string; readonly args: unknown };

export type Reply =
  | { readonly id: number; readonly type: 'progress'; readonly value: unknown }
  | { readonly id: number; readonly type: 'done'; readonly value: unknown }
  | { readonly id: number; readonly type: 'error'; readonly message: string };
