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
			throw configError(`unknown ${modelType} hyperparameter '${key}': ${expected}`);
		}
	}

	const resolved: ModelConfig = {};
	for (const parameter of parameters) {
		const value = config[parameter.key] ?? parameter.default;
		const problem = hyperParameterProblem(parameter, value);
		if (problem) throw configError(`invalid ${parameter.key} ${problem} (the setting "${parameter.label}")`);
		resolved[parameter.key] = value;
	}
	return resolved;
}

/** Name given to errors about settings. Error names survive the worker boundary, and a retry on another backend cannot fix these. */
export const CONFIG_ERROR = 'ConfigError';

/** Returns an Error named {@link CONFIG_ERROR} with `message`. */
export function configError(message: string): Error {
	const error = new Error(message);
	error.name = CONFIG_ERROR;
	return error;
}

/**
 * Returns what is wrong with `value` for `parameter`, such as "-1: expected a
 * value from 0 to 10000", or null when it is valid. Forms show it beside the field.
 */
export function hyperParameterProblem(parameter: HyperParameter, value: unknown): string | null {
	if (parameter.type === 'choice') {
		return typeof value === 'string' && parameter.choices?.includes(value) ? null : `'${String(value)}': expected one of ${parameter.choices?.join(', ')}`;
	}
	const expected = parameter.type === 'int' ? 'an integer' : 'a number';
	// An emptied form field arrives as NaN.
	if (typeof value === 'number' && Number.isNaN(value)) return `missing: expected ${expected}`;
	const isValidNumber = typeof value === 'number' && Number.isFinite(value);
	if (!isValidNumber || (parameter.type === 'int' && !Number.isInteger(value))) {
		return `${String(value)}: expected ${expected}`;
	}
	const { min, max } = parameter;
	if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
		if (min !== undefined && max !== undefined) return `${value}: expected a value from ${min} to ${max}`;
		return min !== undefined ? `${value}: expected a value of at least ${min}` : `${value}: expected a value of at most ${max}`;
	}
	return null;
}

/** Returns the model's label followed by the settings that differ from its defaults, as "EASE with lambda 500". */
export function labelWithSettings(label: string, parameters: readonly HyperParameter[], config: ModelConfig): string {
	const changes = changedSettings(parameters, config);
	return changes ? `${label} with ${changes}` : label;
}

/**
 * Returns the settings of `config` that differ from the defaults as "lambda 500, recencyHalfLife 5"
 * (at most `limit`, then "…"), or '' when all are defaults. Model names carry it, so runs stay apart.
 */
export function changedSettings(parameters: readonly HyperParameter[], config: ModelConfig, limit = 3): string {
	const changed = parameters.filter((parameter) => config[parameter.key] !== undefined && config[parameter.key] !== parameter.default);
	const listed = changed.slice(0, limit).map((parameter) => `${parameter.key} ${config[parameter.key]}`);
	return changed.length > limit ? `${listed.join(', ')}, …` : listed.join(', ');
}
