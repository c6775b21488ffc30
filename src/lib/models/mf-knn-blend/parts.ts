/**
 * The components of the blend, as descriptors shared by fitting, saving and
 * loading: which spec and config each one uses, its weight, the seed offset it
 * trains with, and the prefix of its arrays in a saved blend. Components with
 * weight 0 are left out entirely.
 */
import type { ModelConfig, ModelSpec } from '../contract';
import { biasedMfSpec } from '../biased-mf';
import { itemKnnSpec, userKnnSpec } from '../knn';
import { svdppSpec } from '../svdpp';
import { componentKnnConfig, componentMfConfig, mfShare, type MfKnnBlendConfig } from './config';

export interface BlendPart {
	/** Shown in explanations, such as "item-knn" or "biased-mf #2". */
	name: string;
	/** Prefix of the component's array names in a saved blend. */
	prefix: string;
	spec: ModelSpec;
	config: ModelConfig;
	weight: number;
	/** Added to the blend's seed when this component trains. */
	seedOffset: number;
}

export function blendParts(config: MfKnnBlendConfig): BlendPart[] {
	const parts: BlendPart[] = [];
	const mfWeight = mfShare(config) / config.mfSeeds;
	if (mfWeight > 0) {
		for (let index = 0; index < config.mfSeeds; index++) {
			parts.push({ name: `biased-mf #${index + 1}`, prefix: `mf${index}.`, spec: biasedMfSpec, config: componentMfConfig(config), weight: mfWeight, seedOffset: index });
		}
	}
	if (config.knnWeight > 0) parts.push({ name: 'item-knn', prefix: 'knn.', spec: itemKnnSpec, config: componentKnnConfig(config), weight: config.knnWeight, seedOffset: 0 });
	if (config.userKnnWeight > 0) parts.push({ name: 'user-knn', prefix: 'uknn.', spec: userKnnSpec, config: {}, weight: config.userKnnWeight, seedOffset: 0 });
	if (config.svdppWeight > 0) parts.push({ name: 'svdpp', prefix: 'svdpp.', spec: svdppSpec, config: {}, weight: config.svdppWeight, seedOffset: 0 });
	return parts;
}
