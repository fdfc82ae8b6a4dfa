import type * as tf from '@tensorflow/tfjs-core';

/**
 * Wraps a webgpu depthwise gradient kernel (`DepthwiseConv2dNativeBackpropFilter` or `…BackpropInput`) so
 * that dilated convolutions get the right gradient: tfjs-backend-webgpu 4.22's shaders ignore the
 * `dilations` attribute (as tfjs-backend-cpu's do; tfjs's own depthwise gradient never passes it), so
 * dilated calls go to `composed`, a composition of ops that honours it (the wasm completion). Undilated
 * calls run the shipped shader.
 */
export function guardDilatedDepthwise(composed: tf.KernelFunc): (shipped: tf.KernelFunc) => tf.KernelFunc {
  return (shipped) => (args) => {
    const { dilations } = args.attrs as { dilations?: number | [number, number] };
    const [dh, dw] = typeof dilations === 'number' ? [dilations, dilations] : (dilations ?? [1, 1]);
    return dh === 1 && dw === 1 ? shipped(args) : composed(args);
  };
}
