/**
 * Faithfulness of explanations: for every registered model, the explanation of
 * a score must account for that score. Additive explanations (latent factors,
 * baselines, EASE weights, content features, hybrid components) must sum to it.
 * Neighbour explanations must list exactly the neighbours used, so the score
 * recomputed from them and the baseline matches. Runs on the CPU backend only:
 * the arithmetic checked here does not depend on the backend.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../tf/testing';
import type { Explanation, FittedModel, ModelConfig, ModelSpec, TrainData } from './contract';
import { contractItems, contractTrain, contractTrainImplicit } from './contract-fixtures';
import { modelSpecs } from './registry';

const tolerance = 1e-5;

/** Small settings so each model fits in well under a second. */
const quickConfigs: Record<string, ModelConfig> = {
	'biased-mf': { factors: 3, epochs: 5, batchSize: 16, initStd: 0.1 },
	svdpp: { factors: 3, epochs: 5, batchSize: 16, initStd: 0.1 },
	ncf: { factors: 4, mlpLayers: '16,8', epochs: 2, batchSize: 32 },
	autorec: { hiddenUnits: 8, epochs: 3 },
	hybrid: { validationFraction: 0.25, coldUserThreshold: 5 }
};

/**
 * Models whose explanation is known not to account for the score, with the reason.
 * Their test is expected to fail, so it starts failing loudly once they are fixed.
 */
const knownUnfaithful: Record<string, string> = {};

/** (user, item) pairs: rated and unrated cells of both taste blocks, and user 10, whom the hybrid's quick config makes cold. */
const pairs: [number, number][] = [
	[0, 4],
	[0, 7],
	[3, 0],
	[6, 9],
	[8, 1],
	[10, 8],
	[11, 3]
];

function trainDataFor(spec: ModelSpec): TrainData {
	return spec.supports.includes('explicit')
		? { interactions: contractTrain, kind: 'explicit', items: contractItems }
		: { interactions: contractTrainImplicit, kind: 'implicit', items: contractItems };
}

/**
 * Returns the score that the explanation accounts for, recomputed from its parts,
 * or null for kinds that carry no arithmetic (random).
 */
function scoreFromExplanation(explanation: Explanation, model: FittedModel): number | null {
	switch (explanation.kind) {
		case 'latent-factors':
			return (
				explanation.globalMean +
				explanation.userBias +
				explanation.itemBias +
				explanation.dimensions.reduce((sum, dimension) => sum + dimension.contribution, 0)
			);
		case 'baseline':
			return explanation.globalMean + explanation.userBias + explanation.itemBias;
		case 'item-similarity':
			return explanation.contributions.reduce((sum, contribution) => sum + contribution.weight, 0);
		case 'content':
			return explanation.features.reduce((sum, feature) => sum + feature.weight, 0);
		case 'hybrid':
			return explanation.intercept + explanation.components.reduce((sum, component) => sum + component.contribution, 0);
		case 'popularity':
			return explanation.count;
		case 'autoencoder':
			return explanation.prediction;
		case 'neighbours': {
			if (explanation.fallback !== undefined || explanation.neighbours.length === 0) return explanation.baseline;
			const similaritySum = explanation.neighbours.reduce((sum, neighbour) => sum + neighbour.similarity, 0);
			if (model.config.mode === 'implicit') return similaritySum;
			const weighted = explanation.neighbours.reduce((sum, neighbour) => sum + neighbour.similarity * neighbour.value, 0);
			return explanation.baseline + weighted / similaritySum;
		}
		case 'neural': {
			const logit = explanation.gmfShare + explanation.mlpShare + explanation.bias;
			return model.config.objective === 'rating' ? logit : 1 / (1 + Math.exp(-logit));
		}
		case 'random':
			return null;
	}
}

/** Checks a hybrid's parts one level down: weight × score is the contribution, and each component's explanation accounts for its score. */
function checkHybridParts(explanation: Explanation, model: FittedModel): void {
	if (explanation.kind !== 'hybrid') return;
	for (const component of explanation.components) {
		expect(Math.abs(component.weight * component.score - component.contribution)).toBeLessThan(tolerance);
		const inner = scoreFromExplanation(component.explanation, { ...model, config: {} } as FittedModel);
		if (inner !== null) {
			expect(Math.abs(inner - component.score)).toBeLessThan(tolerance * Math.max(1, Math.abs(component.score)));
		}
	}
}

describe('explanations account for their scores', () => {
	beforeAll(async () => {
		await useTestBackend('cpu');
	});

	const cases = modelSpecs.map((spec) => [spec.id, spec] as const);
	describe.each(cases)('%s', (id, spec) => {
		const test = knownUnfaithful[id] ? it.fails : it;
		test('recomputes each score from its explanation', async () => {
			const model = await spec.fit(trainDataFor(spec), quickConfigs[id] ?? {}, { seed: 11 });
			try {
				for (const [user, item] of pairs) {
					const score = (await model.score(user))[item];
					const explanation = await model.explain(user, item);
					const recomputed = scoreFromExplanation(explanation, model);
					if (recomputed === null) continue;
					expect(Math.abs(recomputed - score), `${id} user ${user} item ${item} (${explanation.kind})`).toBeLessThan(
						tolerance * Math.max(1, Math.abs(score))
					);
					checkHybridParts(explanation, model);
				}
			} finally {
				model.dispose();
			}
		});
	});

	it('lists at most k neighbours, most similar first', async () => {
		const spec = modelSpecs.find((candidate) => candidate.id === 'item-knn');
		if (!spec) throw new Error('item-knn is not registered');
		const model = await spec.fit(trainDataFor(spec), { k: 2 }, { seed: 1 });
		for (const [user, item] of pairs) {
			const explanation = await model.explain(user, item);
			if (explanation.kind !== 'neighbours') throw new Error(`item-knn explained with '${explanation.kind}'`);
			expect(explanation.neighbours.length).toBeLessThanOrEqual(2);
			for (let rank = 1; rank < explanation.neighbours.length; rank++) {
				expect(explanation.neighbours[rank - 1].similarity).toBeGreaterThanOrEqual(explanation.neighbours[rank].similarity);
			}
		}
		model.dispose();
	});
});
