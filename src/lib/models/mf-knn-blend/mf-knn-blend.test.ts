import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { testBackends, useTestBackend } from '../../tf/testing';
import { biasedMfSpec } from '../biased-mf';
import { tinyTrain } from '../biased-mf/fixtures';
import { itemKnnSpec } from '../knn';
import { componentKnnConfig, componentMfConfig, resolveMfKnnBlendConfig } from './config';
import { mfKnnBlendSpec } from './index';

const data = { interactions: tinyTrain, kind: 'explicit' as const };
const quick = { mfFactors: 2, mfEpochs: 3, mfSeeds: 2, knnWeight: 0.25 };

describe('mf-knn-blend config', () => {
	it('rejects unknown keys and out-of-range values', () => {
		expect(() => resolveMfKnnBlendConfig({ weight: 1 })).toThrow(/unknown mf-knn-blend hyperparameter 'weight'/);
		expect(() => resolveMfKnnBlendConfig({ knnWeight: 1.5 })).toThrow(/invalid knnWeight 1.5/);
	});
});

describe.each(testBackends)('mf-knn-blend on %s', (backendName) => {
	it('blends its components by weight', async () => {
		await useTestBackend(backendName);
		const resolved = resolveMfKnnBlendConfig(quick);
		const blend = await mfKnnBlendSpec.fit(data, quick, { seed: 5 });
		const mfModels = [
			await biasedMfSpec.fit(data, componentMfConfig(resolved), { seed: 5 }),
			await biasedMfSpec.fit(data, componentMfConfig(resolved), { seed: 6 })
		];
		const knn = await itemKnnSpec.fit(data, componentKnnConfig(resolved), { seed: 5 });

		const user = 1;
		const blended = await blend.score(user);
		const mfScores = await Promise.all(mfModels.map((model) => model.score(user)));
		const knnScores = await knn.score(user);
		let low = Infinity;
		let high = -Infinity;
		for (const value of tinyTrain.values) {
			low = Math.min(low, value);
			high = Math.max(high, value);
		}
		blended.forEach((score, item) => {
			const expected = 0.25 * knnScores[item] + 0.375 * (mfScores[0][item] + mfScores[1][item]);
			expect(score).toBeCloseTo(Math.min(high, Math.max(low, expected)), 5);
		});
		for (const model of [blend, knn, ...mfModels]) model.dispose();
	});

	it('restores identical scores and leaks nothing', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		const model = await mfKnnBlendSpec.fit(data, quick, { seed: 1 });
		const saved = await model.save();
		const restored = await mfKnnBlendSpec.load(structuredClone(saved));
		for (let user = 0; user < tinyTrain.numUsers; user++) {
			expect(Array.from(await restored.score(user))).toEqual(Array.from(await model.score(user)));
		}
		model.dispose();
		restored.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('rejects a model without its rating range', async () => {
		await useTestBackend(backendName);
		const model = await mfKnnBlendSpec.fit(data, quick, { seed: 1 });
		const saved = await model.save();
		model.dispose();
		const arrays = saved.arrays.filter((array) => array.name !== 'ratingRange');
		await expect(mfKnnBlendSpec.load({ ...saved, arrays })).rejects.toThrow(/missing or invalid ratingRange/);
	});

	it('stops with AbortError and frees its tensors', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		const controller = new AbortController();
		controller.abort();
		await expect(mfKnnBlendSpec.fit(data, quick, { seed: 1, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
		expect(tf.memory().numTensors).toBe(before);
	});
});
