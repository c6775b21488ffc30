/** Every recommender the app offers, in the order the UI lists them. */
import type { ModelSpec } from './contract';
import { biasedMfSpec } from './biased-mf';
import { popularitySpec } from './popularity';

export const modelSpecs: readonly ModelSpec[] = [popularitySpec, biasedMfSpec];

/** Returns the spec with this id; throws with the known ids when there is none. */
export function getModelSpec(id: string): ModelSpec {
	const spec = modelSpecs.find((candidate) => candidate.id === id);
	if (!spec) {
		throw new Error(`unknown model type '${id}': expected one of ${modelSpecs.map((known) => known.id).join(', ')}`);
	}
	return spec;
}
