import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainProgress } from '../contract';
import { rmse } from '../../eval/metrics';
import { testBackends, useTestBackend } from '../../tf/testing';
import { resolveBiasedMfConfig } from './config';
import { tinyTest, tinyTrain } from './fixtures';
import { biasedMfSpec } from './index';

const data = { interactions: tinyTrain, kind: 'explicit' as const };
const tinyConfig = { factors: 2, epochs: 150, learningRate: 0.05, regularization: 0.001, batchSize: 8, initStd: 0.1 };

async function heldOutRmse(model: Awaited<ReturnType<typeof biasedMfSpec.fit>>): Promise<number> {
	const predicted: number[] = [];
	for (let row = 0; row < tinyTest.users.length; row++) {
		const scores = await model.score(tinyTest.users[row], Int32Array.of(tinyTest.items[row]));
		predicted.push(scores[0]);
	}
	return rmse(predicted, tinyTest.values);
}

describe('biased-mf config', () => {
	it('fills defaults', () => {
		expect(resolveBiasedMfConfig({}).optimizer).toBe('adam');
	});

	it('rejects unknown keys and out-of-range values', () => {
		expect(() => resolveBiasedMfConfig({ factor: 3 })).toThrow(/unknown biased-mf hyperparameter 'factor'/);
		expect(() => resolveBiasedMfConfig({ factors: 0 })).toThrow(/invalid factors 0: expected a value from 1 to 512/);
		expect(() => resolveBiasedMfConfig({ factors: 2.5 })).toThrow(/invalid factors 2.5: expected an integer/);
		expect(() => resolveBiasedMfConfig({ optimizer: 'rmsprop' })).toThrow(/invalid optimizer 'rmsprop'/);
	});
});

describe.each(testBackends)('biased-mf on %s', (backendName) => {
	it('converges and beats the bias-only baseline', async () => {
		await useTestBackend(backendName);
		const losses: number[] = [];
		const onProgress = (progress: TrainProgress) => {
			if (progress.done % 3 === 0 && progress.loss !== undefined) losses.push(progress.loss);
		};
		const model = await biasedMfSpec.fit(data, tinyConfig, { seed: 3, onProgress });
		// initStd 0 keeps the factors at zero (their gradient is zero), leaving biases only.
		const baseline = await biasedMfSpec.fit(data, { ...tinyConfig, factors: 1, initStd: 0 }, { seed: 3 });

		expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 10);
		const modelRmse = await heldOutRmse(model);
		const baselineRmse = await heldOutRmse(baseline);
		expect(modelRmse).toBeLessThan(baselineRmse * 0.7);
		model.dispose();
		baseline.dispose();
	});

	it('converges with SGD', async () => {
		await useTestBackend(backendName);
		const losses: number[] = [];
		const onProgress = (progress: TrainProgress) => {
			if (progress.done % 3 === 0 && progress.loss !== undefined) losses.push(progress.loss);
		};
		// The loss is a batch mean, so SGD needs a far larger step than Adam.
		const sgdConfig = { ...tinyConfig, optimizer: 'sgd', learningRate: 0.5 };
		const model = await biasedMfSpec.fit(data, sgdConfig, { seed: 3, onProgress });
		const baseline = await biasedMfSpec.fit(data, { ...sgdConfig, factors: 1, initStd: 0 }, { seed: 3 });

		expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 10);
		expect(await heldOutRmse(model)).toBeLessThan((await heldOutRmse(baseline)) * 0.7);
		model.dispose();
		baseline.dispose();
	});

	it('explains a score as its exact parts', async () => {
		await useTestBackend(backendName);
		const model = await biasedMfSpec.fit(data, { ...tinyConfig, epochs: 5 }, { seed: 1 });
		const score = (await model.score(2, Int32Array.of(4)))[0];
		const explanation = await model.explain(2, 4);
		if (explanation.kind !== 'latent-factors') throw new Error(`unexpected explanation ${explanation.kind}`);
		const total = explanation.dimensions.reduce(
			(sum, part) => sum + part.contribution,
			explanation.globalMean + explanation.userBias + explanation.itemBias
		);
		expect(total).toBeCloseTo(score, 5);
		expect(explanation.dimensions).toHaveLength(2);
		model.dispose();
	});

	it('recommends unseen items in score order', async () => {
		await useTestBackend(backendName);
		const model = await biasedMfSpec.fit(data, { ...tinyConfig, epochs: 5 }, { seed: 1 });
		const scores = await model.score(0);
		const top = await model.recommend(0, 3, [0, 2]);
		expect(top.map((entry) => entry.item)).not.toContain(0);
		expect(top.map((entry) => entry.item)).not.toContain(2);
		expect(top).toHaveLength(3);
		for (const entry of top) expect(entry.score).toBe(scores[entry.item]);
		expect(top[0].score).toBeGreaterThanOrEqual(top[1].score);
		model.dispose();
	});

	it('restores identical scores from save', async () => {
		await useTestBackend(backendName);
		const model = await biasedMfSpec.fit(data, { ...tinyConfig, epochs: 5 }, { seed: 1 });
		const saved = await model.save();
		expect(saved.arrays.find((array) => array.name === 'globalMean')?.shape).toEqual([1]);
		const restored = await biasedMfSpec.load(saved);
		for (let user = 0; user < tinyTrain.numUsers; user++) {
			expect(Array.from(await restored.score(user))).toEqual(Array.from(await model.score(user)));
		}
		model.dispose();
		restored.dispose();
	});

	it('reports divergence with the epoch and the fix', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		// Full-batch SGD whose regularisation step overshoots: each step flips and grows the biases.
		const diverging = { ...tinyConfig, optimizer: 'sgd', learningRate: 1, regularization: 10, initStd: 1, epochs: 20, batchSize: 24 };
		await expect(biasedMfSpec.fit(data, diverging, { seed: 1 })).rejects.toThrow(
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
		const fitting = biasedMfSpec.fit(data, tinyConfig, { seed: 1, signal: controller.signal, onProgress });
		await expect(fitting).rejects.toMatchObject({ name: 'AbortError' });
		expect(tf.memory().numTensors).toBe(before);
	});

	it('converges with entity-scope regularisation', async () => {
		await useTestBackend(backendName);
		const config = { ...tinyConfig, regularizationScope: 'entity', regularization: 0.01, biasRegularization: 0.01 };
		const model = await biasedMfSpec.fit(data, config, { seed: 3 });
		const baseline = await biasedMfSpec.fit(data, { ...config, factors: 1, initStd: 0 }, { seed: 3 });
		expect(await heldOutRmse(model)).toBeLessThan((await heldOutRmse(baseline)) * 0.7);
		model.dispose();
		baseline.dispose();
	});

	it('stops early and leaks no tensors', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		const epochs: number[] = [];
		const onProgress = (progress: TrainProgress) => {
			if (progress.epoch !== undefined) epochs.push(progress.epoch);
		};
		// A rate this high overfits the tiny matrix within a few epochs, so validation RMSE stops improving.
		const config = { ...tinyConfig, epochs: 300, learningRate: 0.3, validationFraction: 0.2 };
		const model = await biasedMfSpec.fit(data, config, { seed: 2, onProgress });
		expect(Math.max(...epochs)).toBeLessThan(300);
		expect((await model.score(0)).every(Number.isFinite)).toBe(true);
		model.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('gives the same model for the same seed', async () => {
		await useTestBackend(backendName);
		const first = await biasedMfSpec.fit(data, { ...tinyConfig, epochs: 3 }, { seed: 9 });
		const second = await biasedMfSpec.fit(data, { ...tinyConfig, epochs: 3 }, { seed: 9 });
		expect(Array.from(await first.score(1))).toEqual(Array.from(await second.score(1)));
		first.dispose();
		second.dispose();
	});
});
