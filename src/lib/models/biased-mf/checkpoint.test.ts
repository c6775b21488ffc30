import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainingCheckpoint } from '../contract';
import { testBackends, useTestBackend } from '../../tf/testing';
import { tinyTrain } from './fixtures';
import { biasedMfSpec } from './index';

const data = { interactions: tinyTrain, kind: 'explicit' as const };
// SGD keeps no state between steps, so a resumed run must match an uninterrupted one exactly.
const config = { factors: 2, epochs: 6, learningRate: 0.5, regularization: 0.001, batchSize: 8, initStd: 0.1, optimizer: 'sgd' };

describe.each(testBackends)('biased-mf checkpoints on %s', (backendName) => {
	it('reports a checkpoint after every epoch but the last', async () => {
		await useTestBackend(backendName);
		const epochs: number[] = [];
		const model = await biasedMfSpec.fit(data, config, { seed: 3, onCheckpoint: async (checkpoint) => void epochs.push(checkpoint.epoch) });
		model.dispose();
		expect(epochs).toEqual([1, 2, 3, 4, 5]);
	});

	it('resumes from a checkpoint to the same model', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		let third: TrainingCheckpoint | null = null;
		const whole = await biasedMfSpec.fit(data, config, {
			seed: 3,
			onCheckpoint: async (checkpoint) => {
				if (checkpoint.epoch === 3) third = checkpoint;
			}
		});
		expect(third).not.toBeNull();
		const resumed = await biasedMfSpec.fit(data, config, { seed: 3, resumeFrom: third! });
		for (let user = 0; user < tinyTrain.numUsers; user++) {
			const expected = Array.from(await whole.score(user));
			const actual = Array.from(await resumed.score(user));
			actual.forEach((value, item) => expect(value).toBeCloseTo(expected[item], 5));
		}
		whole.dispose();
		resumed.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('rejects a checkpoint that does not fit the config', async () => {
		await useTestBackend(backendName);
		let first: TrainingCheckpoint | null = null;
		const model = await biasedMfSpec.fit(data, config, { seed: 3, onCheckpoint: async (checkpoint) => void (first ??= checkpoint) });
		model.dispose();
		const before = tf.memory().numTensors;
		await expect(biasedMfSpec.fit(data, { ...config, factors: 3 }, { seed: 3, resumeFrom: first! })).rejects.toThrow(
			"cannot resume: the checkpoint's 'userFactors' does not fit this data and config"
		);
		expect(tf.memory().numTensors).toBe(before);
	});
});
