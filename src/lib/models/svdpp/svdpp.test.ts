import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainProgress } from '../contract';
import { rmse } from '../../eval/metrics';
import { testBackends, useTestBackend } from '../../tf/testing';
import { tinyTest, tinyTrain } from '../biased-mf/fixtures';
import { resolveSvdppConfig } from './config';
import { implicitUserVectors } from './implicit';
import { svdppSpec } from './index';

const data = { interactions: tinyTrain, kind: 'explicit' as const };
const tinyConfig = {
	factors: 2,
	epochs: 150,
	learningRate: 0.05,
	regularization: 0.001,
	biasRegularization: 0.001,
	batchSize: 8,
	initStd: 0.1,
	learningRateDecay: 1
};

async function heldOutRmse(model: Awaited<ReturnType<typeof svdppSpec.fit>>): Promise<number> {
	const predicted: number[] = [];
	for (let row = 0; row < tinyTest.users.length; row++) {
		predicted.push((await model.score(tinyTest.users[row], Int32Array.of(tinyTest.items[row])))[0]);
	}
	return rmse(predicted, tinyTest.values);
}

describe('svdpp config', () => {
	it('rejects unknown keys and out-of-range values', () => {
		expect(() => resolveSvdppConfig({ factor: 3 })).toThrow(/unknown svdpp hyperparameter 'factor'/);
		expect(() => resolveSvdppConfig({ validationFraction: 0.9 })).toThrow(/invalid validationFraction 0.9/);
	});
});

describe.each(testBackends)('svdpp on %s', (backendName) => {
	it('computes the implicit term by hand', async () => {
		await useTestBackend(backendName);
		// User 0 rated items 0 and 2, user 1 rated item 1, user 2 rated nothing.
		const implicitFactors = tf.tensor2d([1, 2, 10, 20, 3, 4], [3, 2]);
		const index = { offsets: Int32Array.of(0, 2, 3, 3), items: Int32Array.of(0, 2, 1) };
		const vectors = implicitUserVectors(implicitFactors, index);
		const values = Array.from(await vectors.data());
		const expected = [(1 + 3) / Math.SQRT2, (2 + 4) / Math.SQRT2, 10, 20, 0, 0];
		values.forEach((value, position) => expect(value).toBeCloseTo(expected[position], 5));
		tf.dispose([implicitFactors, vectors]);
	});

	it('converges and beats the bias-only baseline', async () => {
		await useTestBackend(backendName);
		const losses: number[] = [];
		const onProgress = (progress: TrainProgress) => {
			if (progress.loss !== undefined) losses.push(progress.loss);
		};
		const model = await svdppSpec.fit(data, tinyConfig, { seed: 3, onProgress });
		// initStd 0 keeps every factor at zero (their gradients are zero), leaving biases only.
		const baseline = await svdppSpec.fit(data, { ...tinyConfig, initStd: 0 }, { seed: 3 });

		expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 10);
		expect(await heldOutRmse(model)).toBeLessThan((await heldOutRmse(baseline)) * 0.7);
		model.dispose();
		baseline.dispose();
	});

	it('explains a score as its exact parts', async () => {
		await useTestBackend(backendName);
		const model = await svdppSpec.fit(data, { ...tinyConfig, epochs: 5 }, { seed: 1 });
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

	it('restores identical scores and rejects a bad index', async () => {
		await useTestBackend(backendName);
		const model = await svdppSpec.fit(data, { ...tinyConfig, epochs: 5 }, { seed: 1 });
		const saved = await model.save();
		const restored = await svdppSpec.load(structuredClone(saved));
		for (let user = 0; user < tinyTrain.numUsers; user++) {
			expect(Array.from(await restored.score(user))).toEqual(Array.from(await model.score(user)));
		}
		const badItems = saved.arrays.map((array) =>
			array.name === 'implicitItems' ? { ...array, data: Int32Array.from(array.data, () => 99) } : array
		);
		await expect(svdppSpec.load({ ...saved, arrays: badItems })).rejects.toThrow(/implicit item 99 out of range/);
		model.dispose();
		restored.dispose();
	});

	it('stops early and leaks no tensors', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		const model = await svdppSpec.fit(data, { ...tinyConfig, epochs: 40, validationFraction: 0.2 }, { seed: 2 });
		expect((await model.score(0)).every(Number.isFinite)).toBe(true);
		model.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('stops with AbortError and frees its tensors', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		const controller = new AbortController();
		const onProgress = (progress: TrainProgress) => {
			if (progress.done === 4) controller.abort();
		};
		const fitting = svdppSpec.fit(data, tinyConfig, { seed: 1, signal: controller.signal, onProgress });
		await expect(fitting).rejects.toMatchObject({ name: 'AbortError' });
		expect(tf.memory().numTensors).toBe(before);
	});
});
