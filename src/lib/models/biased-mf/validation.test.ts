import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useTestBackend } from '../../tf/testing';
import { tinyTrain } from './fixtures';
import { earlyStoppingPatience, splitValidation } from './validation';
import { EarlyStopping } from '../early-stopping';

describe('splitValidation', () => {
	it('holds out a seeded share of rows', () => {
		const { training, validation } = splitValidation(tinyTrain, 0.25, 4);
		const count = tinyTrain.users.length;
		expect(validation?.users).toHaveLength(Math.round(0.25 * count));
		expect(training.users.length + (validation?.users.length ?? 0)).toBe(count);

		const again = splitValidation(tinyTrain, 0.25, 4);
		expect(Array.from(again.validation?.items ?? [])).toEqual(Array.from(validation?.items ?? []));
	});

	it('keeps everything without a fraction', () => {
		const { training, validation } = splitValidation(tinyTrain, 0, 4);
		expect(validation).toBeNull();
		expect(training.users).toBe(tinyTrain.users);
	});

	it('keeps one training row', () => {
		const single = { ...tinyTrain, users: Int32Array.of(0, 1), items: Int32Array.of(0, 1), values: Float32Array.of(3, 4) };
		const { training, validation } = splitValidation(single, 0.5, 1);
		expect(training.users).toHaveLength(1);
		expect(validation?.users).toHaveLength(1);
	});
});

describe('EarlyStopping', () => {
	it('returns the best epoch and frees the rest', async () => {
		await useTestBackend('cpu');
		const before = tf.memory().numTensors;
		const stopping = new EarlyStopping(earlyStoppingPatience);
		const parameters = [tf.tidy(() => tf.variable(tf.scalar(1)))];
		const rmses = [1, 0.5, 0.7, 0.8, 0.9];
		let stoppedAt = 0;
		for (const [epoch, rmse] of rmses.entries()) {
			tf.tidy(() => parameters[0].assign(tf.scalar(epoch)));
			if (stopping.update(rmse, parameters)) {
				stoppedAt = epoch;
				break;
			}
		}
		expect(stoppedAt).toBe(1 + earlyStoppingPatience);
		expect(stopping.bestEpoch).toBe(2);

		const best = stopping.takeBest(parameters);
		expect((await best[0].data())[0]).toBe(1);
		tf.dispose(best);
		stopping.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});
});
