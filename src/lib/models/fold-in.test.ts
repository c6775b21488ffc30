import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { testBackends, useTestBackend } from '../tf/testing';
import type { FittedModel, NewUserPick } from './contract';
import { contractItems, contractTrain } from './contract-fixtures';
import { modelSpecs } from './registry';
import { biasedMfSpec } from './biased-mf';

/** The training picks of one fixture user, with their ratings. */
function picksOf(user: number): NewUserPick[] {
	const picks: NewUserPick[] = [];
	contractTrain.users.forEach((rowUser, row) => rowUser === user && picks.push({ item: contractTrain.items[row], value: contractTrain.values[row] }));
	return picks;
}

function topUnseen(scores: Float32Array, seen: NewUserPick[]): number {
	let best = -1;
	scores.forEach((score, item) => {
		if (seen.some((pick) => pick.item === item)) return;
		if (best < 0 || score > scores[best]) best = item;
	});
	return best;
}

describe('fold-in', () => {
	it('recovers a biased-MF user from their own ratings', async () => {
		await useTestBackend('cpu');
		// Full-batch Adam run to convergence, so the trained vector is the optimum the fold-in solves for.
		const config = { factors: 3, epochs: 400, batchSize: 64, learningRate: 0.02, initStd: 0.1, regularization: 0.05, biasRegularization: 0.05 };
		const model = await biasedMfSpec.fit({ interactions: contractTrain, kind: 'explicit' }, config, { seed: 2 });
		const user = 0;
		const picks = picksOf(user);
		const folded = await (model as FittedModel & { foldInUser(picks: NewUserPick[]): Promise<{ vector: Float64Array; bias: number }> }).foldInUser(picks);
		const saved = await model.save();
		const trained = saved.arrays.find((array) => array.name === 'userFactors')?.data.subarray(user * 3, user * 3 + 3) ?? new Float32Array(3);
		const distance = Math.hypot(...Array.from(trained, (value, dimension) => value - folded.vector[dimension]));
		expect(distance / Math.hypot(...trained)).toBeLessThan(0.1);

		const trainedScores = await model.score(user);
		const foldedScores = await model.scoreNewUser?.(picks);
		expect(foldedScores).toBeDefined();
		expect(topUnseen(foldedScores as Float32Array, picks)).toBe(topUnseen(trainedScores, picks));
		model.dispose();
	});

	const foldable = ['biased-mf', 'implicit-als', 'bpr', 'item-knn', 'content', 'ease', 'popularity', 'hybrid'];
	it.each(foldable)('%s explains new-user scores faithfully and leaks nothing', async (id) => {
		for (const backend of testBackends) {
			await useTestBackend(backend);
			const spec = modelSpecs.find((candidate) => candidate.id === id);
			if (!spec) throw new Error(`${id} is not registered`);
			const before = tf.memory().numTensors;
			const model = await spec.fit({ interactions: contractTrain, kind: 'explicit', items: contractItems }, id === 'hybrid' ? { validationFraction: 0.25 } : {}, { seed: 4 });
			const picks: NewUserPick[] = [
				{ item: 0, value: 5 },
				{ item: 1, value: 5 },
				{ item: 2, value: 4 }
			];
			const scores = (await model.scoreNewUser?.(picks)) as Float32Array;
			expect(scores).toHaveLength(contractTrain.numItems);
			expect(Array.from(scores).every(Number.isFinite)).toBe(true);
			const explanation = await model.explainNewUser?.(picks, 4);
			expect(explanation).toBeDefined();
			if (explanation?.kind === 'hybrid') {
				const total = explanation.intercept + explanation.components.reduce((sum, part) => sum + part.contribution, 0);
				expect(Math.abs(total - scores[4])).toBeLessThan(1e-5);
			}
			if (id === 'content' || id === 'ease' || id === 'item-knn') {
				// The space fan's picks must put the unseen space film above every romance.
				expect(scores[4]).toBeGreaterThan(Math.max(...Array.from(scores.subarray(5))));
			}
			model.dispose();
			expect(tf.memory().numTensors).toBe(before);
		}
	});
});
