import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../eval/evaluate';
import { testBackends, useTestBackend } from '../tf/testing';
import { tinyTest, tinyTrain } from './biased-mf/fixtures';
import { modelSpecs } from './registry';

const quickConfigs: Record<string, Record<string, number | string>> = {
	'biased-mf': { factors: 2, epochs: 2, batchSize: 8 },
	popularity: {}
};

describe.each(testBackends)('every model on %s', (backendName) => {
	describe.each(modelSpecs.map((spec) => [spec.id, spec] as const))('%s', (_, spec) => {
		it('leaks no tensors in any entry point', async () => {
			await useTestBackend(backendName);
			const before = tf.memory().numTensors;

			const model = await spec.fit({ interactions: tinyTrain, kind: 'explicit' }, quickConfigs[spec.id], { seed: 1 });
			await model.score(0);
			await model.score(1, Int32Array.of(0, 3));
			await model.recommend(2, 3, [0]);
			await model.explain(3, 1);
			const saved = await model.save();
			const evaluation = await evaluateModel(model, tinyTrain, tinyTest, { k: 3, predictsRatings: spec.predictsRatings });
			model.dispose();
			const restored = await spec.load(saved);
			await restored.score(0);
			restored.dispose();

			expect(tf.memory().numTensors).toBe(before);
			expect(evaluation.counts.rankedUsers).toBe(6);
		});

		it('keeps the documented defaults valid', async () => {
			await useTestBackend(backendName);
			const defaults = Object.fromEntries(spec.hyperParameters.map((parameter) => [parameter.key, parameter.default]));
			const model = await spec.fit({ interactions: tinyTrain, kind: 'explicit' }, { ...defaults, ...quickConfigs[spec.id] }, { seed: 1 });
			expect(model.modelType).toBe(spec.id);
			model.dispose();
		});
	});
});
