import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Interactions } from '../../data/types';
import type { ModelConfig, TrainProgress } from '../contract';
import { testBackends, useTestBackend } from '../../tf/testing';
import { ncfSpec } from './index';

/**
 * Two taste groups of 12 users and 12 items each: every user interacted with
 * 8 of the 12 items of their group (a rotating window) and none of the other.
 * One more in-group item per user is held out as a test positive.
 */
function plantedData(): { train: Interactions; heldOut: [number, number][] } {
	const users: number[] = [];
	const items: number[] = [];
	const heldOut: [number, number][] = [];
	const groupSize = 12;
	for (let user = 0; user < 2 * groupSize; user++) {
		const group = Math.floor(user / groupSize);
		for (let step = 0; step < 9; step++) {
			const item = group * groupSize + ((user + step) % groupSize);
			if (step === 8) heldOut.push([user, item]);
			else {
				users.push(user);
				items.push(item);
			}
		}
	}
	return {
		train: {
			users: Int32Array.from(users),
			items: Int32Array.from(items),
			values: new Float32Array(users.length).fill(1),
			times: null,
			numUsers: 2 * groupSize,
			numItems: 2 * groupSize
		},
		heldOut
	};
}

const planted = plantedData();
const implicitData = { interactions: planted.train, kind: 'implicit' as const };
/** The same pairs rated 4 or 5, for the rating objective. */
const ratedData = {
	interactions: { ...planted.train, values: Float32Array.from(planted.train.users, (user, row) => 4 + ((user + row) % 2)) },
	kind: 'explicit' as const
};
const quick = { factors: 4, mlpLayers: '16,8', epochs: 2, batchSize: 64, validationFraction: 0 };

function isTrainPositive(user: number, item: number): boolean {
	for (let row = 0; row < planted.train.users.length; row++) {
		if (planted.train.users[row] === user && planted.train.items[row] === item) return true;
	}
	return false;
}

/** Share of (held-out positive, out-of-group item) pairs of the same user scored in the right order. */
async function heldOutAuc(score: (user: number) => Promise<Float32Array>): Promise<number> {
	let correct = 0;
	let pairs = 0;
	for (const [user, positive] of planted.heldOut) {
		const scores = await score(user);
		for (let item = 0; item < planted.train.numItems; item++) {
			if (item === positive || isTrainPositive(user, item) || Math.floor(item / 12) === Math.floor(user / 12)) continue;
			pairs++;
			if (scores[positive] > scores[item]) correct++;
		}
	}
	return correct / pairs;
}

describe('ncf', () => {
	it('ranks held-out positives above negatives', async () => {
		await useTestBackend('wasm');
		const model = await ncfSpec.fit(implicitData, { ...quick, epochs: 20, learningRate: 0.01 }, { seed: 3 });
		const auc = await heldOutAuc((user) => model.score(user));
		model.dispose();
		expect(auc).toBeGreaterThan(0.8);
	});

	it.each(['neumf', 'gmf', 'mlp'])('explains %s with shares that sum to the logit', async (variant) => {
		await useTestBackend('cpu');
		const model = await ncfSpec.fit(implicitData, { ...quick, variant }, { seed: 1 });
		const [probability] = await model.score(2, Int32Array.of(5));
		const explanation = await model.explain(2, 5);
		model.dispose();

		if (explanation.kind !== 'neural') throw new Error(`expected a neural explanation, got ${explanation.kind}`);
		const logit = Math.log(probability / (1 - probability));
		expect(explanation.gmfShare + explanation.mlpShare + explanation.bias).toBeCloseTo(logit, 4);
		expect(explanation.bias).toBe(0);
		if (variant === 'gmf') expect(explanation.mlpShare).toBe(0);
		if (variant === 'mlp') expect(explanation.gmfShare).toBe(0);
		expect(explanation.nearestItems).toHaveLength(5);
		expect(explanation.nearestItems.map((entry) => entry.index)).not.toContain(5);
		for (let rank = 1; rank < 5; rank++) {
			expect(explanation.nearestItems[rank - 1].similarity).toBeGreaterThanOrEqual(explanation.nearestItems[rank].similarity);
		}
	});

	it('predicts ratings with the rating objective', async () => {
		await useTestBackend('cpu');
		const model = await ncfSpec.fit(ratedData, { ...quick, objective: 'rating', epochs: 3 }, { seed: 1 });
		const scores = await model.score(0);
		const explanation = await model.explain(0, 1);
		model.dispose();

		for (const score of scores) expect(score).toBeGreaterThan(3);
		for (const score of scores) expect(score).toBeLessThan(6);
		if (explanation.kind !== 'neural') throw new Error(`expected a neural explanation, got ${explanation.kind}`);
		expect(explanation.gmfShare + explanation.mlpShare + explanation.bias).toBeCloseTo(scores[1], 4);
	});

	it('rejects the rating objective on implicit data', async () => {
		await expect(ncfSpec.fit(implicitData, { ...quick, objective: 'rating' }, { seed: 1 })).rejects.toThrow(/objective 'rating' needs explicit ratings/);
	});

	it('rejects pre-training for gmf', async () => {
		await expect(ncfSpec.fit(implicitData, { ...quick, variant: 'gmf', pretrain: 'gmf+mlp' }, { seed: 1 })).rejects.toThrow(/applies to neumf only/);
	});

	it.each([
		['gmf', 'ranking'],
		['mlp', 'rating'],
		['neumf', 'rating']
	])('restores %s (%s) with identical scores', async (variant, objective) => {
		await useTestBackend('cpu');
		const data = objective === 'rating' ? ratedData : implicitData;
		const model = await ncfSpec.fit(data, { ...quick, variant, objective }, { seed: 2 });
		const saved = await model.save();
		const restored = await ncfSpec.load(structuredClone(saved));
		expect(Array.from(await restored.score(3))).toEqual(Array.from(await model.score(3)));
		expect(await restored.explain(3, 4)).toEqual(await model.explain(3, 4));
		expect(saved.topology).toMatchObject({ class_name: 'Model' });
		model.dispose();
		restored.dispose();
	});

	it('rejects a saved array of the wrong shape', async () => {
		await useTestBackend('cpu');
		const model = await ncfSpec.fit(implicitData, quick, { seed: 2 });
		const saved = await model.save();
		model.dispose();
		const broken = { ...saved, arrays: saved.arrays.map((array) => (array.name === 'gmf_user_embedding/embeddings' ? { ...array, shape: [4, 24] } : array)) };
		await expect(ncfSpec.load(broken)).rejects.toThrow(/array 'gmf_user_embedding\/embeddings' has shape \[4,24\], expected \[24,4\]/);
	});

	it('reports training and validation loss per epoch', async () => {
		await useTestBackend('cpu');
		const events: TrainProgress[] = [];
		const model = await ncfSpec.fit(implicitData, { ...quick, epochs: 3, validationFraction: 0.2 }, { seed: 1, onProgress: (event) => events.push(event) });
		model.dispose();
		const epochEnds = events.filter((event) => event.loss !== undefined);
		expect(epochEnds.map((event) => event.epoch)).toEqual([1, 2, 3]);
		for (const event of epochEnds) expect(event.validationLoss).toBeGreaterThan(0);
		expect(events.at(-1)?.etaSeconds).toBe(0);
	});

	it('stops early when the validation loss stops falling', async () => {
		await useTestBackend('cpu');
		const events: TrainProgress[] = [];
		// A huge learning rate overshoots, so the validation loss rises again within a few epochs.
		const config = { ...quick, epochs: 30, learningRate: 0.5, validationFraction: 0.3, patience: 1, variant: 'gmf' };
		const model = await ncfSpec.fit(implicitData, config, { seed: 1, onProgress: (event) => events.push(event) });
		model.dispose();
		const lastEpoch = events.filter((event) => event.loss !== undefined).at(-1)?.epoch ?? 0;
		expect(lastEpoch).toBeLessThan(30);
	});

	it('pre-trains gmf and mlp before neumf', async () => {
		await useTestBackend('cpu');
		const phases = new Set<string>();
		const model = await ncfSpec.fit(implicitData, { ...quick, pretrain: 'gmf+mlp' }, { seed: 1, onProgress: (event) => phases.add(event.phase) });
		const scores = await model.score(0);
		model.dispose();
		expect([...phases]).toEqual(['pretrain-gmf', 'pretrain-mlp', 'train']);
		expect(scores.every(Number.isFinite)).toBe(true);
	});

	it('stops at the next batch on abort', async () => {
		await useTestBackend('cpu');
		const before = tf.memory().numTensors;
		const controller = new AbortController();
		let batches = 0;
		const fitting = ncfSpec.fit(implicitData, { ...quick, epochs: 50, batchSize: 8, pretrain: 'gmf+mlp' }, {
			seed: 1,
			signal: controller.signal,
			onProgress: () => {
				batches++;
				if (batches === 3) controller.abort();
			}
		});
		await expect(fitting).rejects.toThrow(/cancelled/);
		expect(batches).toBe(3);
		expect(tf.memory().numTensors).toBe(before);
	});

	it.each(testBackends)('leaks no tensors on %s', async (backend) => {
		await useTestBackend(backend);
		const before = tf.memory().numTensors;
		const configs: ModelConfig[] = [
			{ ...quick, pretrain: 'gmf+mlp', validationFraction: 0.2 },
			{ ...quick, variant: 'mlp', objective: 'rating' }
		];
		for (const config of configs) {
			const data = config.objective === 'rating' ? ratedData : implicitData;
			const model = await ncfSpec.fit(data, config, { seed: 1 });
			await model.score(0);
			await model.score(1, Int32Array.of(0, 3));
			await model.recommend(2, 3, [0]);
			await model.explain(3, 1);
			const restored = await ncfSpec.load(await model.save());
			await restored.score(0);
			restored.dispose();
			model.dispose();
		}
		expect(tf.memory().numTensors).toBe(before);
	});
});
