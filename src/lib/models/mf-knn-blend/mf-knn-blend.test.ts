import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { testBackends, useTestBackend } from '../../tf/testing';
import { biasedMfSpec } from '../biased-mf';
import { tinyTrain } from '../biased-mf/fixtures';
import { itemKnnSpec, userKnnSpec } from '../knn';
import { svdppSpec } from '../svdpp';
import { componentKnnConfig, componentMfConfig, resolveMfKnnBlendConfig } from './config';
import { mfKnnBlendSpec } from './index';

const data = { interactions: tinyTrain, kind: 'explicit' as const };
const quick = { mfFactors: 2, mfEpochs: 3, mfSeeds: 2, knnWeight: 0.25, userKnnWeight: 0, svdppWeight: 0 };

describe('mf-knn-blend config', () => {
	it('rejects unknown keys and out-of-range values', () => {
		expect(() => resolveMfKnnBlendConfig({ weight: 1 })).toThrow(/unknown mf-knn-blend hyperparameter 'weight'/);
		expect(() => resolveMfKnnBlendConfig({ knnWeight: 1.5 })).toThrow(/invalid knnWeight 1.5/);
	});

	it('rejects weights summing past 1', () => {
		expect(() => resolveMfKnnBlendConfig({ knnWeight: 0.5, userKnnWeight: 0.3, svdppWeight: 0.4 })).toThrow(
			'invalid mf-knn-blend weights: knnWeight + userKnnWeight + svdppWeight is 1.2; they must sum to at most 1, and the biased-MF models get the rest'
		);
		expect(() => resolveMfKnnBlendConfig({ knnWeight: 0.5, userKnnWeight: 0.2, svdppWeight: 0.3 })).not.toThrow();
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

	it('blends user kNN and SVD++ too', async () => {
		await useTestBackend(backendName);
		const config = { ...quick, knnWeight: 0.2, userKnnWeight: 0.1, svdppWeight: 0.3, mfSeeds: 1 };
		const resolved = resolveMfKnnBlendConfig(config);
		const blend = await mfKnnBlendSpec.fit(data, config, { seed: 5 });
		const mf = await biasedMfSpec.fit(data, componentMfConfig(resolved), { seed: 5 });
		const itemKnn = await itemKnnSpec.fit(data, componentKnnConfig(resolved), { seed: 5 });
		const userKnn = await userKnnSpec.fit(data, {}, { seed: 5 });
		const svdpp = await svdppSpec.fit(data, {}, { seed: 5 });
		const user = 2;
		const [mfScores, itemScores, userScores, svdppScores] = await Promise.all([mf, itemKnn, userKnn, svdpp].map((model) => model.score(user)));
		const blended = await blend.score(user);
		const [low, high] = [Math.min(...tinyTrain.values), Math.max(...tinyTrain.values)];
		blended.forEach((score, item) => {
			const expected = 0.4 * mfScores[item] + 0.2 * itemScores[item] + 0.1 * userScores[item] + 0.3 * svdppScores[item];
			expect(score).toBeCloseTo(Math.min(high, Math.max(low, expected)), 5);
		});
		const explanation = await blend.explain(user, 0);
		if (explanation.kind !== 'hybrid') throw new Error(`unexpected explanation ${explanation.kind}`);
		expect(explanation.components.map((component) => [component.model, component.weight])).toEqual([
			['biased-mf #1', expect.closeTo(0.4, 6)],
			['item-knn', 0.2],
			['user-knn', 0.1],
			['svdpp', 0.3]
		]);
		const restored = await mfKnnBlendSpec.load(structuredClone(await blend.save()));
		expect(Array.from(await restored.score(user))).toEqual(Array.from(blended));
		for (const model of [blend, restored, mf, itemKnn, userKnn, svdpp]) model.dispose();
	});

	it('loads blends saved without them', async () => {
		await useTestBackend(backendName);
		const model = await mfKnnBlendSpec.fit(data, quick, { seed: 1 });
		const saved = await model.save();
		const { userKnnWeight, svdppWeight, ...olderConfig } = saved.config;
		expect([userKnnWeight, svdppWeight]).toEqual([0, 0]);
		const restored = await mfKnnBlendSpec.load({ ...structuredClone(saved), config: olderConfig });
		expect(Array.from(await restored.score(0))).toEqual(Array.from(await model.score(0)));
		model.dispose();
		restored.dispose();
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
