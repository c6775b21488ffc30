/**
 * Validation of a model's config against its documented hyperparameters.
 * Shared by the latent-factor models (implicit ALS, BPR).
 */
import type { HyperParameter, ModelConfig } from '../contract';

/**
 * Fills defaults and validates `config` against `parameters`: unknown keys,
 * wrong types and values outside a parameter's range are rejected with the
 * key, the value and the accepted range.
 */
export function resolveHyperParameters(
	modelType: string,
	parameters: readonly HyperParameter[],
	config: ModelConfig
): Record<string, number | string> {
	const known = new Map(parameters.map((parameter) => [parameter.key, parameter]));
	for (const key of Object.keys(config)) {
		if (!known.has(key)) {
			throw new Error(`unknown ${modelType} hyperparameter '${key}': expected one of ${[...known.keys()].join(', ')}`);
		}
	}

	const resolved: Record<string, number | string> = {};
	for (const parameter of parameters) {
		const value = config[parameter.key] ?? parameter.default;
		if (parameter.type === 'choice') {
			if (typeof value !== 'string' || !parameter.choices?.includes(value)) {
				throw new Error(`invalid ${parameter.key} '${String(value)}': expected one of ${parameter.choices?.join(', ')}`);
			}
		} else {
			const isValidNumber = typeof value === 'number' && Number.isFinite(value);
			if (!isValidNumber || (parameter.type === 'int' && !Number.isInteger(value))) {
				throw new Error(`invalid ${parameter.key} ${String(value)}: expected ${parameter.type === 'int' ? 'an integer' : 'a number'}`);
			}
			if ((parameter.min !== undefined && value < parameter.min) || (parameter.max !== undefined && value > parameter.max)) {
				throw new Error(`invalid ${parameter.key} ${value}: expected a value from ${parameter.min} to ${parameter.max}`);
			}
		}
		resolved[parameter.key] = value;
	}
	return resolved;
}
