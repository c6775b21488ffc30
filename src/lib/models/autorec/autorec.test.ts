import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Interactions } from '../../data/types';
import type { TrainProgress } from '../contract';
import { mulberry32 } from '../../eval/random';
import { testBackends, useTestBackend } from '../../tf/testing';
import { autorecSpec } from './index';
import { checkSize } from './train';

/**
 * A rank-2 rating matrix of 30 users × 20 items on the 1–5 scale, with 60 %
 * of the cells observed for training and the rest held out.
 */
function lowRankData(): { train: Interactions; test: [number, number, number][] } {
	const random = mulberry32(11);
	const numUsers = 30;
	const numItems = 20;
	const userTaste = Array.from({ length: numUsers }, () => [random(), random()]);
	const itemTraits = Array.from({ length: numItems }, () => [random(), random()]);
	const cells: [number, number, number][] = [];
	const test: [number, number, number][] = [];
	for (let user = 0; user < numUsers; user++) {
		for (let item = 0; item < numItems; item++) {
			const affinity = userTaste[user][0] * itemTraits[item][0] + userTaste[user][1] * itemTraits[item][1];
			const rating = Math.min(5, Math.max(1, 1 + 4 * affinity));
			(random() < 0.6 ? cells : test).push([user, item, rating]);
		}
	}
	return {
		train: {
			users: Int32Array.from(cells, (cell) => cell[0]),
			items: Int32Array.from(cells, (cell) => cell[1]),
			values: Float32Array.from(cells, (cell) => cell[2]),
			times: null,
			numUsers,
			numItems
		},
		test
	};
}

const { train, test } = lowRankData();
const data = { interactions: train, kind: 'explicit' as const };
const quick = { hiddenUnits: 8, epochs: 3, batchSize: 8 };

function meanOf(values: Float32Array): number {
	return values.reduce((sum, value) => sum + value, 0) / values.length;
}

describe('autorec', () => {
	it('beats the global mean on held-out cells', async () => {
		await useTestBackend('wasm');
		const events: TrainProgress[] = [];
		const model = await autorecSpec.fit(data, { hiddenUnits: 10, epochs: 150, batchSize: 5, learningRate: 0.02, lambda: 0.1 }, { seed: 1, onProgress: (event) => events.push(event) });
		let modelError = 0;
		let meanError = 0;
		const globalMean = meanOf(train.values);
		for (const [user, item, rating] of test) {
			const [prediction] = await model.score(user, Int32Array.of(item));
			modelError += (prediction - rating) ** 2;
			meanError += (globalMean - rating) ** 2;
		}
		model.dispose();

		const losses = events.filter((event) => event.loss !== undefined).map((event) => event.loss ?? 0);
		expect(losses.at(-1)).toBeLessThan(losses[0] / 4);
		expect(Math.sqrt(modelError / test.length)).toBeLessThan(0.8 * Math.sqrt(meanError / test.length));
	});

	it('stops patience epochs after the best', async () => {
		await useTestBackend('wasm');
		const events: TrainProgress[] = [];
		const config = { hiddenUnits: 32, epochs: 300, batchSize: 4, learningRate: 0.05, lambda: 0, validationFraction: 0.3, patience: 3 };
		const model = await autorecSpec.fit(data, config, { seed: 1, onProgress: (event) => events.push(event) });
		model.dispose();
		const validation = events.filter((event) => event.validationLoss !== undefined).map((event) => event.validationLoss ?? 0);
		// Without a penalty the network overfits the 60 % of cells left after validation, so training ends long before 300 epochs.
		expect(validation.length).toBeLessThan(300);
		const best = validation.indexOf(Math.min(...validation));
		expect(validation.length - 1 - best).toBe(config.patience);
	});

	it('skips validation at fraction 0', async () => {
		await useTestBackend('wasm');
		const events: TrainProgress[] = [];
		const model = await autorecSpec.fit(data, { ...quick, validationFraction: 0 }, { seed: 1, onProgress: (event) => events.push(event) });
		model.dispose();
		expect(Math.max(...events.map((event) => event.epoch ?? 0))).toBe(quick.epochs);
		expect(events.some((event) => event.validationLoss !== undefined)).toBe(false);
	});

	it('falls back to the global mean for an unrated item', async () => {
		await useTestBackend('cpu');
		const withEmptyItem = { interactions: { ...train, numItems: train.numItems + 1 }, kind: 'explicit' as const };
		const model = await autorecSpec.fit(withEmptyItem, quick, { seed: 1 });
		const [score] = await model.score(0, Int32Array.of(train.numItems));
		const explanation = await model.explain(0, train.numItems);
		const rated = await model.explain(0, 0);
		model.dispose();

		expect(score).toBeCloseTo(meanOf(train.values), 5);
		expect(explanation).toMatchObject({ kind: 'autoencoder', inputRatings: 0, fallback: expect.stringMatching(/no training ratings/) });
		expect(rated).not.toHaveProperty('fallback');
	});

	it('keeps predictions within the rating range', async () => {
		await useTestBackend('cpu');
		const model = await autorecSpec.fit(data, { ...quick, learningRate: 0.2 }, { seed: 1 });
		const scores = await model.score(4);
		model.dispose();
		for (const score of scores) expect(score).toBeGreaterThanOrEqual(1);
		for (const score of scores) expect(score).toBeLessThanOrEqual(5);
	});

	it('restores identical scores with the topology', async () => {
		await useTestBackend('cpu');
		const model = await autorecSpec.fit(data, quick, { seed: 2 });
		const saved = await model.save();
		const restored = await autorecSpec.load(structuredClone(saved));
		expect(Array.from(await restored.score(3))).toEqual(Array.from(await model.score(3)));
		expect(saved.topology).toMatchObject({ class_name: 'Model' });
		expect(saved.arrays.slice(0, 4).map((array) => array.name)).toEqual(['encoder/kernel', 'encoder/bias', 'decoder/kernel', 'decoder/bias']);
		model.dispose();
		restored.dispose();
	});

	it('rejects a matrix too large to hold densely', () => {
		expect(() => checkSize(200_000, 50_000)).toThrow(/dense 50000 × 200000 item-user matrix .* over the limit/);
	});

	it('stops at the next batch on abort', async () => {
		await useTestBackend('cpu');
		const before = tf.memory().numTensors;
		const controller = new AbortController();
		let batches = 0;
		const fitting = autorecSpec.fit(data, { ...quick, epochs: 100 }, {
			seed: 1,
			signal: controller.signal,
			onProgress: () => {
				if (++batches === 2) controller.abort();
			}
		});
		await expect(fitting).rejects.toThrow(/cancelled/);
		expect(batches).toBe(2);
		expect(tf.memory().numTensors).toBe(before);
	});

	it.each(testBackends)('leaks no tensors on %s', async (backend) => {
		await useTestBackend(backend);
		const before = tf.memory().numTensors;
		const model = await autorecSpec.fit(data, quick, { seed: 1 });
		await model.score(0);
		await model.recommend(2, 3, [0]);
		await model.explain(3, 1);
		const restored = await autorecSpec.load(await model.save());
		await restored.score(0);
		restored.dispose();
		model.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});
});
