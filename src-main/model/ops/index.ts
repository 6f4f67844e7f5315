/** The custom-gradient kernels that make training work (and fast) on wasm and cpu alike. */
export { gatherRows, gatherVector, segmentSum, segmentSumVector } from './gather';
export { matMul, matMulConst, matMulT } from './matmul';
export { applyMask, l2Normalize, stopGradient } from './basic';
export { segmentSoftmax } from './segment-softmax';
export { reflectAggregate, type EdgeIndex } from './reflect-aggregate';
export { sparseMatMul, type SparseMatrix } from './sparse-matmul';
