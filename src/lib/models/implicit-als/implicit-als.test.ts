import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Interactions } from '../../data/types';
import type { TrainProgress } from '../contract';
import { testBackends, useTestBackend } from '../../tf/testing';
import { choleskySolve, groupRows, solveRowsExactly } from './cholesky';
import { resolveImplicitAlsConfig } from './config';
import { createSides, disposeSides, solveRowsByConjugateGradient } from './conjugate-gradient';
import { confidenceOf } from './train';
import { implicitAlsSpec } from './index';

function interactionsOf(pairs: [number, number, number][], numUsers: number, numItems: number): Interactions {
	return {
		users: Int32Array.from(pairs, ([user]) => user),
		items: Int32Array.from(pairs, ([, item]) => item),
		values: Float32Array.from(pairs, ([, , value]) => value),
		times: null,
		numUsers,
		numItems
	};
}

/**
 * Two blocks: users 0–3 interact with items 0–3, users 4–7 with items 4–7.
 * User u skips item u of their block, so their top unseen item is that one.
 */
function blockMatrix(): Interactions {
	const pairs: [number, number, number][] = [];
	for (let user = 0; user < 8; user++) {
		const block = user < 4 ? 0 : 4;
		for (let item = block; item < block + 4; item++) if (item !== user) pairs.push([user, item, 1]);
	}
	return interactionsOf(pairs, 8, 8);
}

// The hand-computed case: Y = [[1, 1], [0, 2]], λ = 0.5, α = 2 (linear).
// User 0 has item 0 with value 1 (c = 3), user 1 has item 0 (c = 3) and item 1 with value 2 (c = 5).
//   user 0: A = [[3.5, 3], [3, 7.5]], b = [3, 3]   → x = [18/23, 2/23]
//   user 1: A = [[3.5, 3], [3, 23.5]], b = [3, 13] → x = [126/293, 146/293]
const handItems = Float32Array.of(1, 1, 0, 2);
const handData = interactionsOf(
	[
		[0, 0, 1],
		[1, 0, 1],
		[1, 1, 2]
	],
	2,
	2
);
const handSolution = [18 / 23, 2 / 23, 126 / 293, 146 / 293];
const handConfig = { alpha: 2, confidence: 'linear' as const };

const blockConfig = { factors: 2, iterations: 10, regularization: 0.1, alpha: 4, initStd: 0.1 };

describe('implicit-als config', () => {
	it('fills defaults', () => {
		const config = resolveImplicitAlsConfig({});
		expect(config.confidence).toBe('linear');
		expect(config.solver).toBe('cg');
	});

	it('rejects unknown keys and invalid values', () => {
		expect(() => resolveImplicitAlsConfig({ lambda: 1 })).toThrow(/unknown implicit-als hyperparameter 'lambda'/);
		expect(() => resolveImplicitAlsConfig({ alpha: -1 })).toThrow(/invalid alpha -1: expected a value from 0/);
		expect(() => resolveImplicitAlsConfig({ confidence: 'square' })).toThrow(/invalid confidence 'square'/);
	});
});

describe('implicit-als confidence', () => {
	it('maps values linearly or by log', () => {
		const values = Float32Array.of(0, 1, 3);
		expect(Array.from(confidenceOf(values, { alpha: 2, confidence: 'linear' }))).toEqual([1, 3, 7]);
		const logarithmic = confidenceOf(values, { alpha: 2, confidence: 'log' });
		expect(logarithmic[1]).toBeCloseTo(1 + 2 * Math.log(2), 6);
		expect(logarithmic[2]).toBeCloseTo(1 + 2 * Math.log(4), 6);
	});

	it('rejects negative values', () => {
		expect(() => confidenceOf(Float32Array.of(1, -2), handConfig)).toThrow(/non-negative interaction values, but row 1 has -2/);
	});
});

describe('implicit-als exact solve', () => {
	it('solves a 2×2 system by Cholesky', () => {
		const system = Float64Array.of(4, 2, 2, 3);
		const rightSide = Float64Array.of(2, 1);
		expect(choleskySolve(system, rightSide, 2)).toBe(true);
		expect(rightSide[0]).toBeCloseTo(0.5, 12);
		expect(rightSide[1]).toBeCloseTo(0, 12);
	});

	it('reports a matrix that is not positive definite', () => {
		expect(choleskySolve(Float64Array.of(1, 2, 2, 1), Float64Array.of(1, 1), 2)).toBe(false);
	});

	it('matches the hand-computed user step', () => {
		const confidence = confidenceOf(handData.values, handConfig);
		const groups = groupRows(handData.users, handData.items, confidence, 2);
		// YᵀY + λI for Y = [[1, 1], [0, 2]] and λ = 0.5.
		const gram = Float64Array.of(1.5, 1, 1, 5.5);
		const solution = solveRowsExactly(handItems, gram, groups, 2);
		handSolution.forEach((expected, index) => expect(solution[index]).toBeCloseTo(expected, 6));
	});
});

describe.each(testBackends)('implicit-als on %s', (backendName) => {
	it('matches the hand-computed step by conjugate gradient', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		const sides = createSides(handData, confidenceOf(handData.values, handConfig));
		const items = tf.tensor2d(handItems, [2, 2]);
		const start = tf.zeros([2, 2]) as tf.Tensor2D;
		// With 2 factors, 3 CG steps solve the system exactly (up to float32 rounding).
		const solved = solveRowsByConjugateGradient(start, items, sides.users, 0.5);
		const values = await solved.data();
		handSolution.forEach((expected, index) => expect(values[index]).toBeCloseTo(expected, 4));
		tf.dispose([solved, items, start]);
		disposeSides(sides);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('takes the same CG step with dense and sparse interactions', async () => {
		await useTestBackend(backendName);
		const data = blockMatrix();
		const confidence = confidenceOf(data.values, handConfig);
		const dense = createSides(data, confidence);
		const sparse = createSides(data, confidence, 0);
		expect(dense.users.dense).not.toBeNull();
		expect(sparse.users.dense).toBeNull();
		const items = tf.randomNormal([8, 3], 0, 1, 'float32', 5) as tf.Tensor2D;
		const start = tf.randomNormal([8, 3], 0, 1, 'float32', 6) as tf.Tensor2D;
		const fromDense = solveRowsByConjugateGradient(start, items, dense.users, 0.1);
		const fromSparse = solveRowsByConjugateGradient(start, items, sparse.users, 0.1);
		const denseValues = await fromDense.data();
		const sparseValues = await fromSparse.data();
		denseValues.forEach((value, index) => expect(value).toBeCloseTo(sparseValues[index], 4));
		tf.dispose([items, start, fromDense, fromSparse]);
		disposeSides(dense);
		disposeSides(sparse);
	});

	it.each(['cg', 'cholesky'])('recovers the blocks with %s', async (solver) => {
		await useTestBackend(backendName);
		const data = blockMatrix();
		const model = await implicitAlsSpec.fit({ interactions: data, kind: 'implicit' }, { ...blockConfig, solver }, { seed: 1 });
		for (let user = 0; user < 8; user++) {
			const seen = Array.from(data.items.filter((_, row) => data.users[row] === user));
			const [top] = await model.recommend(user, 1, seen);
			expect(top.item).toBe(user);
		}
		model.dispose();
	});

	it('lowers the objective every exact iteration', async () => {
		await useTestBackend(backendName);
		const losses: number[] = [];
		const onProgress = (progress: TrainProgress) => {
			if (progress.loss !== undefined) losses.push(progress.loss);
		};
		const model = await implicitAlsSpec.fit(
			{ interactions: blockMatrix(), kind: 'implicit' },
			{ ...blockConfig, solver: 'cholesky', iterations: 5 },
			{ seed: 1, onProgress }
		);
		expect(losses).toHaveLength(5);
		for (let index = 1; index < losses.length; index++) expect(losses[index]).toBeLessThanOrEqual(losses[index - 1] * (1 + 1e-5));
		model.dispose();
	});

	it('explains a score as its per-dimension parts', async () => {
		await useTestBackend(backendName);
		const model = await implicitAlsSpec.fit({ interactions: blockMatrix(), kind: 'implicit' }, blockConfig, { seed: 1 });
		const score = (await model.score(2, Int32Array.of(5)))[0];
		const explanation = await model.explain(2, 5);
		if (explanation.kind !== 'latent-factors') throw new Error(`unexpected explanation ${explanation.kind}`);
		expect(explanation.globalMean).toBe(0);
		expect(explanation.userBias).toBe(0);
		expect(explanation.itemBias).toBe(0);
		expect(explanation.dimensions).toHaveLength(2);
		const total = explanation.dimensions.reduce((sum, part) => sum + part.contribution, 0);
		expect(total).toBeCloseTo(score, 5);
		model.dispose();
	});

	it('restores identical scores from save', async () => {
		await useTestBackend(backendName);
		const model = await implicitAlsSpec.fit({ interactions: blockMatrix(), kind: 'implicit' }, blockConfig, { seed: 1 });
		const saved = await model.save();
		expect(saved.arrays.map((array) => array.name)).toEqual(['userFactors', 'itemFactors']);
		const restored = await implicitAlsSpec.load(saved);
		for (let user = 0; user < 8; user++) {
			expect(Array.from(await restored.score(user))).toEqual(Array.from(await model.score(user)));
		}
		model.dispose();
		restored.dispose();
	});

	it('rejects a saved model with a wrong shape', async () => {
		await useTestBackend(backendName);
		const model = await implicitAlsSpec.fit({ interactions: blockMatrix(), kind: 'implicit' }, blockConfig, { seed: 1 });
		const saved = await model.save();
		model.dispose();
		await expect(implicitAlsSpec.load({ ...saved, config: { ...saved.config, factors: 3 } })).rejects.toThrow(
			/implicit-als array 'userFactors' has shape \[8,2\], expected \[8,3\]/
		);
	});

	it('leaks no tensors in any entry point', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		for (const solver of ['cg', 'cholesky']) {
			const model = await implicitAlsSpec.fit({ interactions: blockMatrix(), kind: 'implicit' }, { ...blockConfig, solver }, { seed: 1 });
			await model.score(0);
			await model.score(1, Int32Array.of(0, 3));
			await model.recommend(2, 3, [0]);
			await model.explain(3, 1);
			const restored = await implicitAlsSpec.load(await model.save());
			await restored.score(0);
			model.dispose();
			restored.dispose();
		}
		expect(tf.memory().numTensors).toBe(before);
	});

	it('stops with AbortError and frees its tensors', async () => {
		await useTestBackend(backendName);
		const before = tf.memory().numTensors;
		const controller = new AbortController();
		const onProgress = (progress: TrainProgress) => {
			if (progress.done === 3) controller.abort();
		};
		const fitting = implicitAlsSpec.fit({ interactions: blockMatrix(), kind: 'implicit' }, blockConfig, {
			seed: 1,
			signal: controller.signal,
			onProgress
		});
		await expect(fitting).rejects.toMatchObject({ name: 'AbortError' });
		expect(tf.memory().numTensors).toBe(before);
	});

	it('gives the same model for the same seed', async () => {
		await useTestBackend(backendName);
		const first = await implicitAlsSpec.fit({ interactions: blockMatrix(), kind: 'implicit' }, blockConfig, { seed: 9 });
		const second = await implicitAlsSpec.fit({ interactions: blockMatrix(), kind: 'implicit' }, blockConfig, { seed: 9 });
		expect(Array.from(await first.score(1))).toEqual(Array.from(await second.score(1)));
		first.dispose();
		second.dispose();
	});
});
