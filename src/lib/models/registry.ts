/** Every recommender the app offers, in the order the UI lists them. */
import type { ModelSpec } from './contract';
import { autorecSpec } from './autorec';
import { biasBaselineSpec, globalMeanSpec, randomSpec } from './baselines';
import { biasedMfSpec } from './biased-mf';
import { bprSpec } from './bpr';
import { contentSpec } from './content';
import { easeSpec } from './ease';
import { createHybridSpec } from './hybrid';
import { implicitAlsSpec } from './implicit-als';
import { itemKnnSpec, userKnnSpec } from './knn';
import { mfKnnBlendSpec } from './mf-knn-blend';
import { ncfSpec } from './ncf';
import { popularitySpec } from './popularity';
import { svdppSpec } from './svdpp';

export const modelSpecs: readonly ModelSpec[] = [
	popularitySpec,
	biasedMfSpec,
	svdppSpec,
	randomSpec,
	globalMeanSpec,
	biasBaselineSpec,
	itemKnnSpec,
	userKnnSpec,
	mfKnnBlendSpec,
	easeSpec,
	implicitAlsSpec,
	bprSpec,
	contentSpec,
	ncfSpec,
	autorecSpec,
	// getModelSpec is a hoisted function declaration, so the hybrid can look up its components lazily.
	createHybridSpec(getModelSpec)
];

/** Returns the spec with this id; throws with the known ids when there is none. */
export function getModelSpec(id: string): ModelSpec {
	const spec = modelSpecs.find((candidate) => candidate.id === id);
	if (!spec) {
		throw new Error(`unknown model type '${id}': expected one of ${modelSpecs.map((known) => known.id).join(', ')}`);
	}
	return spec;
}
