export { BINARIZE_THRESHOLD, binarize, binarizeStochastic } from './binarize.js';
export { loadMnist, MNIST_COUNT } from './load-mnist.js';
export { IMAGE_SIZE, type MnistSet, selectDigits, takeDigits } from './mnist-set.js';
export { mulberry32 } from './prng.js';
export { mnistSplit, SPLIT_SEED, seededPermutation, TEST_COUNT, TRAIN_COUNT } from './split.js';
