/**
 * The contract suite: every model in the registry, on the CPU and WASM
 * backends, on the two-block fixture in contract-fixtures.ts. A model joins by
 * being registered; per-model settings live in the one table below.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../eval/evaluate';
import { testBackends, useTestBackend } from '../tf/testing';
import type { FittedModel, HyperParameter, ModelConfig, ModelSpec, TrainData } from './contract';
import {
	contractBestItem,
	contractItems,
	contractTargetUser,
	contractTest,
	contractTrain,
	contractTrainImplicit
} from './contract-fixtures';
import { modelSpecs } from './registry';

interface ModelCase {
	/** Small, fast settings merged over the defaults in every test. */
	quick: ModelConfig;
	/** Settings for the best-item test, merged over `quick`; default: `quick`. */
	learn?: ModelConfig;
	/** Why the model cannot rank the fixture's best item first; skips that one assertion. */
	cannotLearn?: string;
	/** Values for the hyperparameter test where the generic choice (double or halve) would not change this fixture's output. */
	changed?: ModelConfig;
	/** Hyperparameters that cannot change the output on a tiny fixture, with the reason. */
	noEffect?: Record<string, string>;
}

const modelCases: Record<string, ModelCase> = {
	popularity: { quick: {}, cannotLearn: 'ranks by interaction count, which is the same for every user' },
	random: { quick: {}, cannotLearn: 'ranks in a seeded random order' },
	'global-mean': { quick: {}, cannotLearn: 'gives every item the same score' },
	'biased-mf': {
		quick: { factors: 2, epochs: 2, batchSize: 8 },
		learn: { factors: 4, epochs: 60, batchSize: 16, learningRate: 0.05, regularization: 0.01, initStd: 0.1 },
		// The default 0 has no doubled value inside the range (0 to 0.5).
		changed: { validationFraction: 0.25 }
	},
	svdpp: {
		quick: { factors: 2, epochs: 2, batchSize: 8 },
		learn: { factors: 4, epochs: 60, batchSize: 16, learningRate: 0.05, regularization: 0.01, learningRateDecay: 1, initStd: 0.1 },
		// The default 0 has no doubled value inside the range (0 to 0.5).
		changed: { validationFraction: 0.25 }
	},
	'mf-knn-blend': {
		quick: { mfFactors: 2, mfEpochs: 2, mfSeeds: 1 },
		learn: { mfFactors: 4, mfEpochs: 60 },
		// The fixture's items have fewer than 40 co-rated neighbours, so doubling `neighbours` changes nothing;
		// doubling knnWeight or svdppWeight would push the weights past 1.
		changed: { neighbours: 1, knnWeight: 0.15, svdppWeight: 0.15 }
	},
	'bias-baseline': { quick: {}, changed: { epochs: 1 } },
	'item-knn': { quick: {}, changed: { k: 1, minK: 3, minSupport: 3, storedNeighbours: 1 } },
	'user-knn': { quick: {}, changed: { k: 1, minK: 3, minSupport: 3, storedNeighbours: 1 } },
	ease: { quick: { lambda: 10 } },
	content: { quick: {} },
	// The default batch (4096) already contains every fixture interaction, so doubling it changes nothing.
	bpr: { quick: {}, changed: { batchSize: 8 } },
	ncf: {
		quick: { factors: 4, mlpLayers: '16,8', epochs: 2, batchSize: 32 },
		learn: { epochs: 30, learningRate: 0.01, validationFraction: 0 },
		noEffect: { patience: 'stopping early needs more epochs without improvement than the quick runs train' }
	},
	// The default batch (64 items) already contains all 10 fixture items, so doubling it changes nothing.
	autorec: {
		quick: { hiddenUnits: 8, epochs: 3 },
		changed: { batchSize: 4 },
		learn: { hiddenUnits: 16, epochs: 200, learningRate: 0.05 },
		noEffect: { patience: 'stopping early needs more epochs without improvement than the quick runs train; autorec.test.ts covers it' }
	},
	// User 10 has 4 ratings, the others 5 or more, so threshold 5 makes only user 10 cold and coldFallback matters.
	// Every fixture item has at least 5 ratings, so the item threshold needs 6 to switch any item.
	// The default 10% validation part is about 6 ratings for 4 blend parameters, too few to learn the blend.
	hybrid: { quick: { coldUserThreshold: 5 }, learn: { validationFraction: 0.25 }, changed: { coldItemThreshold: 6 } }
};

function caseOf(spec: ModelSpec): ModelCase {
	return modelCases[spec.id] ?? { quick: {} };
}

/** Explicit ratings when the model supports them, else the same pairs as implicit feedback; metadata always. */
function trainDataFor(spec: ModelSpec): TrainData {
	return spec.supports.includes('explicit')
		? { interactions: contractTrain, kind: 'explicit', items: contractItems }
		: { interactions: contractTrainImplicit, kind: 'implicit', items: contractItems };
}

/** Scores of every user for every item, concatenated. */
async function allScores(model: FittedModel): Promise<number[]> {
	const scores: number[] = [];
	for (let user = 0; user < contractTrain.numUsers; user++) scores.push(...(await model.score(user)));
	return scores;
}

async function fitScores(spec: ModelSpec, config: ModelConfig): Promise<number[]> {
	const model = await spec.fit(trainDataFor(spec), config, { seed: 7 });
	try {
		return await allScores(model);
	} finally {
		model.dispose();
	}
}

/** Picks a valid value other than `base`: another choice, or double (else half) the number within [min, max]. */
function alternativeValue(parameter: HyperParameter, base: number | string): number | string {
	if (parameter.type === 'choice') {
		const other = parameter.choices?.find((choice) => choice !== base);
		if (other === undefined) throw new Error(`choice ${parameter.key} has no alternative to '${base}'`);
		return other;
	}
	const value = Number(base);
	const round = (candidate: number) => (parameter.type === 'int' ? Math.round(candidate) : candidate);
	const candidates = [round(value === 0 ? 1 : value * 2), round(value / 2)];
	const inRange = (candidate: number) =>
		candidate !== value && (parameter.min === undefined || candidate >= parameter.min) && (parameter.max === undefined || candidate <= parameter.max);
	const found = candidates.find(inRange);
	if (found === undefined) throw new Error(`no alternative value for ${parameter.key} ${value}: add one to the model's 'changed' entry`);
	return found;
}

function userTrainingItems(user: number): number[] {
	const items: number[] = [];
	contractTrain.users.forEach((rowUser, row) => rowUser === user && items.push(contractTrain.items[row]));
	return items;
}

const specCases = modelSpecs.map((spec) => [spec.id, spec] as const);

describe.each(testBackends)('every model on %s', (backendName) => {
	describe.each(specCases)('%s', (_, spec) => {
		const { quick, learn, cannotLearn, changed, noEffect } = caseOf(spec);

		it('leaks no tensors in any entry point', async () => {
			await useTestBackend(backendName);
			const before = tf.memory().numTensors;

			const model = await spec.fit(trainDataFor(spec), quick, { seed: 1 });
			await model.score(0);
			await model.score(1, Int32Array.of(0, 3));
			await model.recommend(2, 3, [0]);
			await model.explain(3, 1);
			const saved = await model.save();
			const evaluation = await evaluateModel(model, contractTrain, contractTest, { k: 3, predictsRatings: spec.predictsRatings });
			model.dispose();
			const restored = await spec.load(saved);
			await restored.score(0);
			restored.dispose();

			expect(tf.memory().numTensors).toBe(before);
			expect(evaluation.counts.rankedUsers).toBe(4);
		});

		it('keeps the documented defaults valid', async () => {
			await useTestBackend(backendName);
			const defaults = Object.fromEntries(spec.hyperParameters.map((parameter) => [parameter.key, parameter.default]));
			const model = await spec.fit(trainDataFor(spec), { ...defaults, ...quick }, { seed: 1 });
			expect(model.modelType).toBe(spec.id);
			model.dispose();
		});

		it.skipIf(cannotLearn !== undefined)('ranks the planted best item first', async () => {
			await useTestBackend(backendName);
			const model = await spec.fit(trainDataFor(spec), { ...quick, ...learn }, { seed: 3 });
			const top = await model.recommend(contractTargetUser, 3, userTrainingItems(contractTargetUser));
			model.dispose();
			expect(top[0].item).toBe(contractBestItem);
		});

		it('gives finite scores', async () => {
			await useTestBackend(backendName);
			const scores = await fitScores(spec, quick);
			expect(scores).toHaveLength(contractTrain.numUsers * contractTrain.numItems);
			expect(scores.every(Number.isFinite)).toBe(true);
		});

		it('recommends without excluded items', async () => {
			await useTestBackend(backendName);
			const model = await spec.fit(trainDataFor(spec), quick, { seed: 1 });
			const seen = userTrainingItems(contractTargetUser);
			const scores = await model.score(contractTargetUser);
			const top = await model.recommend(contractTargetUser, contractTrain.numItems, seen);
			model.dispose();

			expect(top).toHaveLength(contractTrain.numItems - seen.length);
			for (const entry of top) expect(seen).not.toContain(entry.item);
			for (const entry of top) expect(entry.score).toBe(scores[entry.item]);
			for (let rank = 1; rank < top.length; rank++) expect(top[rank - 1].score).toBeGreaterThanOrEqual(top[rank].score);
		});

		it('restores identical scores from save', async () => {
			await useTestBackend(backendName);
			const model = await spec.fit(trainDataFor(spec), quick, { seed: 1 });
			const saved = await model.save();
			const restored = await spec.load(structuredClone(saved));
			expect(await allScores(restored)).toEqual(await allScores(model));
			expect(await restored.explain(contractTargetUser, contractBestItem)).toEqual(await model.explain(contractTargetUser, contractBestItem));
			model.dispose();
			restored.dispose();
		});

		it('rejects unknown config keys', async () => {
			await useTestBackend(backendName);
			await expect(spec.fit(trainDataFor(spec), { ...quick, notAParameter: 1 }, { seed: 1 })).rejects.toThrow(/notAParameter/);
			const model = await spec.fit(trainDataFor(spec), quick, { seed: 1 });
			const saved = await model.save();
			model.dispose();
			await expect(spec.load({ ...saved, config: { ...saved.config, notAParameter: 1 } })).rejects.toThrow(/notAParameter/);
		});

		it('round-trips its config through JSON', async () => {
			await useTestBackend(backendName);
			const model = await spec.fit(trainDataFor(spec), quick, { seed: 5 });
			const config: ModelConfig = JSON.parse(JSON.stringify(model.config));
			expect(Object.keys(config).sort()).toEqual(spec.hyperParameters.map((parameter) => parameter.key).sort());
			const original = await allScores(model);
			model.dispose();

			const refit = await spec.fit(trainDataFor(spec), structuredClone(config), { seed: 5 });
			expect(await allScores(refit)).toEqual(original);
			refit.dispose();
		});

		const parameterCases = spec.hyperParameters
			.filter((parameter) => noEffect?.[parameter.key] === undefined)
			.map((parameter) => [parameter.key, parameter] as const);
		it.skipIf(parameterCases.length === 0).each(parameterCases)('changes its output with %s', async (key, parameter) => {
			await useTestBackend(backendName);
			const base = quick[key] ?? parameter.default;
			const alternative = changed?.[key] ?? alternativeValue(parameter, base);
			const defaultScores = await fitScores(spec, quick);
			const changedScores = await fitScores(spec, { ...quick, [key]: alternative });
			expect(changedScores).not.toEqual(defaultScores);
		});
	});
});
