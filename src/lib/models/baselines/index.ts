/** Reference models that every learned model should beat: random order, the global mean and user plus item biases. */
export { randomSpec } from './random';
export { globalMeanSpec } from './global-mean';
export { biasBaselineSpec } from './bias-baseline';
