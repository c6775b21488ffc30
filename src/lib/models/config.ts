/** Validation of a model's config against its documented hyperparameters, shared by every model. */
import type { HyperParameter, ModelConfig } from './contract';

/**
 * Fills defaults and validates `config` against `parameters`: unknown keys,
 * wrong types and values outside a parameter's range are rejected with the
 * key, the value and what is expected.
 */
export function resolveConfig(modelType: string, parameters: readonly HyperParameter[], config: ModelConfig): ModelConfig {
	const known = new Map(parameters.map((parameter) => [parameter.key, parameter]));
	for (const key of Object.keys(config)) {
		if (!known.has(key)) {
			const expected = known.size > 0 ? `expected one of ${[...known.keys()].join(', ')}` : 'this model takes none, so remove it';
			throw new Error(`unknown ${modelType} hyperparameter '${key}': ${expected}`);
		}
	}

	const resolved: ModelConfig = {};
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
