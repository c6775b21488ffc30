/**
 * Settings per model as a user types them on the Benchmark and Compare pages:
 * {"ease": {"lambda": 500}, "hybrid": {"components": "biased-mf,item-knn"}}.
 * Checked against the models' documented hyperparameters, so a typo names
 * itself before hours of training start.
 */
import type { HyperParameter, ModelConfig } from '../models/contract';
import { hyperParameterProblem } from '../models/config';

interface DescribedModel {
	id: string;
	hyperParameters: HyperParameter[];
}

/** Parses `text` (blank for none); throws a message naming the model, key or value that is wrong. */
export function parseModelSettings(text: string, models: DescribedModel[]): Record<string, ModelConfig> {
	if (text.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (problem) {
		throw new Error(`Settings are not valid JSON (${problem instanceof Error ? problem.message : String(problem)}). Write them as {"ease": {"lambda": 500}}.`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new Error('Settings must be a JSON object keyed by model id, such as {"ease": {"lambda": 500}}.');
	}
	for (const [id, config] of Object.entries(parsed)) {
		const model = models.find((candidate) => candidate.id === id);
		if (!model) throw new Error(`Settings name the model "${id}", which does not exist. Models: ${models.map((candidate) => candidate.id).join(', ')}.`);
		if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error(`Settings for ${id} must be an object of hyperparameters.`);
		for (const [key, value] of Object.entries(config)) {
			const parameter = model.hyperParameters.find((candidate) => candidate.key === key);
			if (!parameter) {
				throw new Error(`${id} has no hyperparameter "${key}". Its hyperparameters: ${model.hyperParameters.map((candidate) => candidate.key).join(', ')}.`);
			}
			if (typeof value !== 'number' && typeof value !== 'string') throw new Error(`${id}.${key} must be a number or a string, not ${JSON.stringify(value)}.`);
			const problem = hyperParameterProblem(parameter, value);
			if (problem) throw new Error(`${id}.${key} has an invalid value ${problem}.`);
		}
	}
	return parsed as Record<string, ModelConfig>;
}
