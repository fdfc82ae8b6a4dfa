/** Marks prototypes this module patched, so that a second copy of the module leaves them alone. */
const PATCHED = Symbol.for('@proj/core/webgpu-bind-group-cache');

/** Most bind groups the cache keeps alive (least recently used first out). */
const MAX_CACHED = 1024;

interface BindingResource {
  readonly buffer?: object;
  readonly offset?: number;
  readonly size?: number;
}

interface BindGroupDescriptor {
  readonly layout: object;
  readonly entries: Iterable<{ readonly binding: number; readonly resource: BindingResource }>;
  readonly label?: string;
}

type Method<A extends unknown[], R> = (this: object, ...args: A) => R;

/**
 * Makes Dawn's Node bindings (npm `webgpu`) reuse bind groups: `GPUComputePipeline.getBindGroupLayout(i)`
 * returns one layout object per pipeline and index, and `GPUDevice.createBindGroup` returns the bind group
 * it made before for the same device, layout, buffers, offsets and sizes (bind groups are immutable, so this
 * is the same binding), keeping the 1024 most recently used. Only descriptors whose resources are all buffers
 * are cached.
 *
 * Why: tfjs-backend-webgpu makes a layout and a bind group per dispatch, and Dawn frees them only after the
 * JS wrappers are finalised, which Node does when the event loop turns. A synchronous loop of GPU work (any
 * `dataSync()` loop) never lets it turn, and lavapipe keeps one 4 KiB mapping per live bind group: past
 * `vm.max_map_count` (65 530) mappings the process crashes in `vkCreateDescriptorPool`. tfjs reuses its
 * buffers, so the same bindings recur and the cache keeps the live bind groups bounded.
 *
 * @param globals the `globals` of the `webgpu` package (its `GPUDevice` and `GPUComputePipeline` classes).
 *   Idempotent; O(entries) per `createBindGroup`.
 */
export function cacheBindGroups(globals: Record<string, unknown>): void {
  const device = (globals.GPUDevice as { prototype?: Record<PropertyKey, unknown> } | undefined)?.prototype;
  const pipeline = (globals.GPUComputePipeline as { prototype?: Record<PropertyKey, unknown> } | undefined)?.prototype;
  if (device === undefined || pipeline === undefined || device[PATCHED]) return;
  const getLayout = pipeline.getBindGroupLayout as Method<[number], object>;
  const layouts = new WeakMap<object, Map<number, object>>();
  pipeline.getBindGroupLayout = function getBindGroupLayout(this: object, index: number): object {
    const perPipeline = getOrCreate(layouts, this, () => new Map<number, object>());
    return getOrCreate(perPipeline, index, () => getLayout.call(this, index));
  };
  const createBindGroup = device.createBindGroup as Method<[BindGroupDescriptor], object>;
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const idOf = (buffer: object) => getOrCreate(ids, buffer, () => nextId++);
  const groups = new Map<string, object>();
  device.createBindGroup = function cachedCreateBindGroup(this: object, descriptor: BindGroupDescriptor): object {
    const entries = [...descriptor.entries];
    if (descriptor.label !== undefined || !entries.every((e) => e.resource?.buffer !== undefined)) {
      return createBindGroup.call(this, descriptor);
    }
    const bindings = entries.map(
      (e) => `${e.binding}:${idOf(e.resource.buffer!)}:${e.resource.offset ?? 0}:${e.resource.size ?? ''}`,
    );
    const key = `${idOf(this)}/${idOf(descriptor.layout)}/${bindings.join(',')}`;
    const cached = groups.get(key);
    if (cached !== undefined) {
      groups.delete(key);
      groups.set(key, cached);
      return cached;
    }
    const group = createBindGroup.call(this, { ...descriptor, entries });
    groups.set(key, group);
    if (groups.size > MAX_CACHED) groups.delete(groups.keys().next().value!);
    return group;
  };
  device[PATCHED] = true;
}

/** The value of `key` in `map`, made by `make` and stored on first use. */
function getOrCreate<K extends object | string | number, V>(
  map: Map<K, V> | (K extends object ? WeakMap<K, V> : never),
  key: K,
  make: () => V,
): V {
  if (map.has(key as never)) return map.get(key as never) as V;
  const value = make();
  map.set(key as never, value);
  return value;
}
