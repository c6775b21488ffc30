import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Interactions } from '../../data/types';
import type { FittedModel, TrainProgress } from '../contract';
import { mulberry32 } from '../../eval/random';
import { testBackends, useTestBackend } from '../../tf/testing';
import { resolveBprConfig } from './config';
import { groupItemsByUser, hasItem, sampleNegative } from './sampling';
import { bprSpec } from './index';

/**
 * A planted matrix: users 0–5 like items 0–5 and users 6–11 like items 6–11.
 * User u interacts with the 5 items of their block other than `heldOut(u)`,
 * which is kept back as the test positive.
 */
const numUsers = 12;
const numItems = 12;
const heldOut = (user: number) => (user < 6 ? 0 : 6) + ((user * 5) % 6);

function plantedTrain(): Interactions {
	const users: number[] = [];
	const items: number[] = [];
	for (let user = 0; user < numUsers; user++) {
		const block = user < 6 ? 0 : 6;
		for (let item = block; item < block + 6; item++) {
			if (item === heldOut(user)) continue;
			users.push(user);
			items.push(item);
		}
	}
	return {
		users: Int32Array.from(users),
		items: Int32Array.from(items),
		values: new Float32Array(users.length).fill(1),
		times: null,
		numUsers,
		numItems
	};
}

const data = { interactions: plantedTrain(), kind: 'implicit' as const };
const tinyConfig = { factors: 4, epochs: 60, learningRate: 0.05, regularization: 0.001, batchSize: 16, initStd: 0.1 };

/** Share of (held-out positive, other-block item) pairs ranked the right way, over all users. */
async function heldOutAuc(model: FittedModel): Promise<number> {
	let correct = 0;
	let pairs = 0;
	for (let user = 0; user < numUsers; user++) {
		const scores = await model.score(user);
		const otherBlock = user < 6 ? 6 : 0;
		for (let item = otherBlock; item < otherBlock + 6; item++) {
			pairs++;
			if (scores[heldOut(user)] > scores[item]) correct++;
		}
	}
	return correct / pairs;
}

describe('bpr config', () => {
	it('fills defaults', () => {
		const config = resolveBprConfig({});
		expect(config.optimizer).toBe('adam');
		expect(config.itemBias).toBe('on');
	});

	it('rejects unknown keys and invalid values', () => {
		expect(() => resolveBprConfig({ negatives: 2 })).toThrow(/unknown bpr hyperparameter 'negatives'/);
		expect(() => resolveBprConfig({ itemBias: 'yes' })).toThrow(/invalid itemBias 'yes': expected one of on, off/);
		expect(() => resolveBprConfig({ batchSize: 0 })).toThrow(/invalid batchSize 0/);
	});
});

describe('bpr negative sampling', () => {
	it('never returns one of the user’s items', () => {
		const groups = groupItemsByUser(data.interactions);
		const random = mulberry32(4);
		for (let draw = 0; draw < 500; draw++) {
			const user = draw % numUsers;
			const item = sampleNegative(groups, user, numItems, random);
			expect(hasItem(groups, user, item)).toBe(false);
		}
	});

	it('repeats for the same seed', () => {
		const groups = groupItemsByUser(data.interactions);
		const draw = (seed: number) => {
			const random = mulberry32(seed);
			return Array.from({ length: 20 }, (_, index) => sampleNegative(groups, index % numUsers, numItems, random));
		};
		expect(draw(7)).toEqual(draw(7));
		expect(draw(7)).not.toEqual(draw(8));
	});

	it('finds items by binary search', () => {
		const groups = groupItemsByUser(data.interactions);
		expect(hasItem(groups, 0, heldOut(0))).toBe(false);
		expect(hasItem(groups, 0, 1)).toBe(true);
		expect(hasItem(groups, 0, 7)).toBe(false);
	});
});

describe.each(testBackends)('bpr on %s', (backendName) => {
	it.each(['adam', 'sgd'])('learns the planted blocks with %s', async (optimizer) => {
		await useTestBackend(backendName);
		const losses: number[] = [];
		const onProgress = (progress: TrainProgress) => {
			if (progress.loss !== undefined && progress.done % 4 === 0) losses.push(progress.loss);
		};
		// SGD on a batch-mean loss needs a far larger step than Adam.
		const config = optimizer === 'sgd' ? { ...tinyConfig, optimizer, learningRate: 5 } : tinyConfig;
		const model = await bprSpec.fit(data, config, { seed: 2, onProgress });
		expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 2);
		expect(await heldOutAuc(model)).toBeGreaterThan(0.8);
		model.dispose();
	});

	it('explains a score as its exact parts', async () => {
		await useTestBackend(backendName);
		const model = await bprSpec.fit(data, { ...tinyConfig, epochs: 5 }, { seed: 1 });
		const score = (await model.score(2, Int32Array.of(4)))[0];
		const explanation = await model.explain(2, 4);
		if (explanation.kind !== 'latent-factors') throw new Error(`unexpected explanation ${explanation.kind}`);
		expect(explanation.globalMean).toBe(0);
		expect(explanation.userBias).toBe(0);
		expect(explanation.itemBias).not.toBe(0);
		const total = explanation.dimensions.reduce((sum, part) => sum + part.contribution, explanation.itemBias);
		expect(total).toBeCloseTo(score, 5);
		model.dispose();
	});

	it('scores by the dot product alone without item bias', async () => {
		await useTestBackend(backendName);
		const model = await bprSpec.fit(data, { ...tinyConfig, epochs: 5, itemBias: 'off' }, { seed: 1 });
		const explanation = await model.explain(2, 4);
		if (explanation.kind !== 'latent-factors') throw new Error(`unexpected explanation ${explanation.kind}`);
		expect(explanation.itemBias).toBe(0);
		const saved = await model.save();
		expect(saved.arrays.map((array) => array.name)).toEqual(['userFactors', 'itemFactors']);
		model.dispose();
	});

	it('restores identical scores from save', async () => {
		await useTestBackend(backendName);
		const model = await bprSpec.fit(data, { ...tinyConfig, epochs: 5 }, { seed: 1 });
		const saved = await model.save();
		const restored = await bprSpec.load(saved);
		for (let user = 0; user < numUsers; user++) {
			expect(Array.from(await restored.score(user))).toEqual(Array.from(await model.score(user)));
		}
		await expect(bprSpec.load({ ...saved, config: { ...saved.config, itemBias: 'off' } })).rejects.toThrow(
			/bpr model has an 'itemBias' array but its config has none/
		);
		model.dispose();
		restored.dispose();
	});

	it('leaks no tensors in any entry point', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		for (const itemBias of ['on', 'off']) {
			const model = await bprSpec.fit(data, { ...tinyConfig, epochs: 2, itemBias }, { seed: 1 });
			await model.score(0);
			await model.score(1, Int32Array.of(0, 3));
			await model.recommend(2, 3, [0]);
			await model.explain(3, 1);
			const restored = await bprSpec.load(await model.save());
			await restored.score(0);
			model.dispose();
			restored.dispose();
		}
		expect(tf.memory().numTensors).toBe(before);
	});

	it('reports divergence with the epoch and the fix', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		// Full-batch SGD whose regularisation step overshoots: each step flips and grows the vectors.
		const diverging = { ...tinyConfig, optimizer: 'sgd', learningRate: 1000, regularization: 10, initStd: 1, epochs: 20, batchSize: 60 };
		await expect(bprSpec.fit(data, diverging, { seed: 1 })).rejects.toThrow(
			/training diverged at epoch \d+ \(loss .*\): lower the learning rate/
		);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('stops with AbortError and frees its tensors', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		const controller = new AbortController();
		const onProgress = (progress: TrainProgress) => {
			if (progress.done === 4) controller.abort();
		};
		const fitting = bprSpec.fit(data, tinyConfig, { seed: 1, signal: controller.signal, onProgress });
		await expect(fitting).rejects.toMatchObject({ name: 'AbortError' });
		expect(tf.memory().numTensors).toBe(before);
	});

	it('gives the same model for the same seed', async () => {
		await useTestBackend(backendName);
		const first = await bprSpec.fit(data, { ...tinyConfig, epochs: 3 }, { seed: 9 });
		const second = await bprSpec.fit(data, { ...tinyConfig, epochs: 3 }, { seed: 9 });
		expect(Array.from(await first.score(1))).toEqual(Array.from(await second.score(1)));
		first.dispose();
		second.dispose();
	});

	it('rejects data where every user has seen every item', async () => {
		await useTestBackend(backendName);
		const full: Interactions = {
			users: Int32Array.of(0, 0),
			items: Int32Array.of(0, 1),
			values: Float32Array.of(1, 1),
			times: null,
			numUsers: 1,
			numItems: 2
		};
		await expect(bprSpec.fit({ interactions: full, kind: 'implicit' }, tinyConfig, { seed: 1 })).rejects.toThrow(
			/no training interactions with a possible negative item/
		);
	});
});
