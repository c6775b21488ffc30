import { describe, expect, it } from 'vitest';
import type { Interactions } from '../../data/types';
import { contractTrain } from '../contract-fixtures';
import { easeSpec } from './index';
import { checkEaseMemory } from './solve';
import { invertSpdInPlace } from './spd-inverse';

function interactionsOf(pairs: [number, number][], numUsers: number, numItems: number): Interactions {
	return {
		users: Int32Array.from(pairs, (pair) => pair[0]),
		items: Int32Array.from(pairs, (pair) => pair[1]),
		values: new Float32Array(pairs.length).fill(1),
		times: null,
		numUsers,
		numItems
	};
}

describe('EASE', () => {
	// X (users × items): u0 = (1, 1), u1 = (1, 1), u2 = (1, 0), so XᵀX = [[3, 2], [2, 2]].
	// With λ = 1, P = [[4, 2], [2, 3]]⁻¹ = ⅛ [[3, −2], [−2, 4]], and
	//   B[0][1] = −P[0][1] / P[1][1] = (2/8) / (4/8) = 1/2  (= G01 / (G00 + λ), a one-variable ridge)
	//   B[1][0] = −P[1][0] / P[0][0] = (2/8) / (3/8) = 2/3
	it('matches the two-item closed form', async () => {
		const data = { interactions: interactionsOf([[0, 0], [0, 1], [1, 0], [1, 1], [2, 0]], 3, 2), kind: 'implicit' as const };
		const model = await easeSpec.fit(data, { lambda: 1 }, { seed: 0 });
		expect((await model.score(2))[1]).toBeCloseTo(1 / 2, 6);
		expect((await model.score(2))[0]).toBe(0);
		const saved = await model.save();
		const weights = saved.arrays.find((array) => array.name === 'weights')?.data;
		expect(Array.from(weights ?? [])).toEqual([0, 1 / 2, 2 / 3, 0].map(Math.fround));
	});

	// With λ much larger than XᵀX, P ≈ (I − G/λ) / λ, so B[i][j] ≈ G[i][j] / λ off the diagonal.
	// Here G01 = 2 (u0, u1), G02 = 1 (u1), G12 = 1 (u1).
	it('approaches XᵀX / λ for large λ', async () => {
		const lambda = 1e5;
		const pairs: [number, number][] = [[0, 0], [0, 1], [1, 0], [1, 1], [1, 2], [2, 2]];
		const model = await easeSpec.fit({ interactions: interactionsOf(pairs, 3, 3), kind: 'implicit' }, { lambda }, { seed: 0 });
		const weights = (await model.save()).arrays.find((array) => array.name === 'weights')?.data ?? [];
		const gram = [
			[0, 2, 1],
			[2, 0, 1],
			[1, 1, 0]
		];
		for (let row = 0; row < 3; row++) {
			for (let column = 0; column < 3; column++) {
				expect(weights[row * 3 + column] * lambda).toBeCloseTo(gram[row][column], 3);
			}
		}
	});

	it('explains a score as contributions that sum to it', async () => {
		const model = await easeSpec.fit({ interactions: contractTrain, kind: 'explicit' }, { lambda: 10 }, { seed: 0 });
		for (const item of [4, 8]) {
			const explanation = await model.explain(0, item);
			if (explanation.kind !== 'item-similarity') throw new Error(`unexpected explanation ${explanation.kind}`);
			expect(explanation.contributions.map((part) => part.index).sort()).toEqual([0, 1, 2, 3, 5]);
			const total = explanation.contributions.reduce((sum, part) => sum + part.weight, 0);
			expect(total).toBeCloseTo((await model.score(0, Int32Array.of(item)))[0], 6);
		}
	});

	// User 2 rated item 0 at t = 1 s, then items 1 and 3 both at t = 2 s, item 3 in the later row.
	// With half-life 1, the most recent item counts 1, the next 2^−1, the next 2^−2.
	it('weighs recent items more, same B', async () => {
		const pairs: [number, number][] = [[0, 0], [0, 1], [0, 2], [1, 0], [1, 2], [1, 3], [2, 0], [2, 1], [2, 3]];
		const interactions = { ...interactionsOf(pairs, 3, 4), times: Float64Array.of(1, 2, 3, 1, 2, 3, 1, 2, 2).map((second) => second * 1000) };
		const plain = await easeSpec.fit({ interactions, kind: 'implicit' }, { lambda: 2 }, { seed: 0 });
		const recent = await easeSpec.fit({ interactions, kind: 'implicit' }, { lambda: 2, recencyHalfLife: 1 }, { seed: 0 });
		const weightsOf = async (model: typeof plain) => (await model.save()).arrays.find((array) => array.name === 'weights')?.data ?? [];
		const weights = await weightsOf(plain);
		expect(await weightsOf(recent)).toEqual(weights);
		// User 2's order from newest: item 3 (row 8, later row wins the tie at 2 s), item 1 (row 7), item 0 (row 6).
		const expected = weights[3 * 4 + 2] + 0.5 * weights[1 * 4 + 2] + 0.25 * weights[0 * 4 + 2];
		expect((await recent.score(2, Int32Array.of(2)))[0]).toBeCloseTo(expected, 6);
		expect((await plain.score(2, Int32Array.of(2)))[0]).toBeCloseTo(weights[3 * 4 + 2] + weights[1 * 4 + 2] + weights[0 * 4 + 2], 6);
		const explanation = await recent.explain(2, 2);
		if (explanation.kind !== 'item-similarity') throw new Error(`unexpected explanation ${explanation.kind}`);
		expect(explanation.contributions.reduce((sum, part) => sum + part.weight, 0)).toBeCloseTo(expected, 6);
		const restored = await easeSpec.load(structuredClone(await recent.save()));
		expect(await restored.score(2)).toEqual(await recent.score(2));
	});

	it('rejects recency without times', async () => {
		const data = { interactions: interactionsOf([[0, 0], [0, 1]], 1, 2), kind: 'implicit' as const };
		await expect(easeSpec.fit(data, { lambda: 1, recencyHalfLife: 5 }, { seed: 0 })).rejects.toThrow(
			'recency weighting needs interaction times, and this dataset has no timestamp column: set the recency half-life to 0, or import the data with a timestamp column'
		);
	});

	it('rejects catalogues too large before allocating', async () => {
		expect(() => checkEaseMemory(59_047)).toThrow(
			'EASE needs an items × items matrix: 59,047 items need 41.8 GB; the limit is 1.0 GB of JavaScript memory, on any backend. ' +
				'Filter the catalogue (minimum interactions per item) to at most 9,128 items, or choose item-kNN.'
		);
		const huge = interactionsOf([[0, 0]], 1, 59_047);
		await expect(easeSpec.fit({ interactions: huge, kind: 'implicit' }, {}, { seed: 0 })).rejects.toThrow(/59,047 items need 41.8 GB/);
		expect(() => checkEaseMemory(9_128)).not.toThrow();
	});

	it('inverts a symmetric positive definite matrix', async () => {
		const matrix = [
			[4, 1, 0.5],
			[1, 3, 0.2],
			[0.5, 0.2, 2]
		];
		const inverse = Float64Array.from(matrix.flat());
		await invertSpdInPlace(inverse, 3, {});
		for (let row = 0; row < 3; row++) {
			for (let column = 0; column < 3; column++) {
				let product = 0;
				for (let inner = 0; inner < 3; inner++) product += matrix[row][inner] * inverse[inner * 3 + column];
				expect(product).toBeCloseTo(row === column ? 1 : 0, 12);
			}
		}
	});

	// 75 rows: two full 32-row blocks and a partial one, and groups of four with a remainder.
	it('inverts across blocks and remainders', async () => {
		const size = 75;
		const matrix = randomSpd(size, 11);
		const inverse = Float64Array.from(matrix);
		await invertSpdInPlace(inverse, size, {});
		let maxError = 0;
		let maxAsymmetry = 0;
		for (let row = 0; row < size; row++) {
			for (let column = 0; column < size; column++) {
				let product = 0;
				for (let inner = 0; inner < size; inner++) product += matrix[row * size + inner] * inverse[inner * size + column];
				maxError = Math.max(maxError, Math.abs(product - (row === column ? 1 : 0)));
				maxAsymmetry = Math.max(maxAsymmetry, Math.abs(inverse[row * size + column] - inverse[column * size + row]));
			}
		}
		expect(maxError).toBeLessThan(1e-12);
		expect(maxAsymmetry).toBe(0);
	});

	it('rejects a matrix that is not positive definite', async () => {
		// Eigenvalues 3 and −1.
		await expect(invertSpdInPlace(Float64Array.of(1, 2, 2, 1), 2, {})).rejects.toThrow('not positive definite at item 1 (pivot -3): raise lambda');
	});

	it('reports progress in three phases', async () => {
		const size = 40;
		const phases = new Map<string, number[]>();
		await invertSpdInPlace(randomSpd(size, 3), size, {
			onProgress: ({ phase, done, total }) => {
				expect(total).toBe(size);
				phases.set(phase, [...(phases.get(phase) ?? []), done]);
			}
		});
		expect([...phases.keys()]).toEqual(['Cholesky factor', 'inverse of the factor', 'inverse']);
		expect(phases.get('Cholesky factor')).toEqual([0, 32]);
		expect(phases.get('inverse')).toEqual([0, 32, size]);
	});

	it('stops between blocks when aborted', async () => {
		const controller = new AbortController();
		const matrix = randomSpd(70, 5);
		const original = Float64Array.from(matrix);
		const fit = invertSpdInPlace(matrix, 70, {
			signal: controller.signal,
			onProgress: ({ phase, done }) => {
				if (phase === 'Cholesky factor' && done === 32) controller.abort();
			}
		});
		await expect(fit).rejects.toThrow(expect.objectContaining({ name: 'AbortError' }));
		// The third block of rows (64…69) was never factorised.
		expect(matrix.subarray(64 * 70)).toEqual(original.subarray(64 * 70));
	});
});

/** Returns a row-major random Gram matrix MᵀM + I (size × size), which is symmetric positive definite. */
function randomSpd(size: number, seed: number): Float64Array {
	let state = seed;
	const random = () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648 - 0.5;
	};
	const factor = Array.from({ length: size * size }, random);
	const matrix = new Float64Array(size * size);
	for (let row = 0; row < size; row++) {
		for (let column = 0; column < size; column++) {
			let sum = row === column ? 1 : 0;
			for (let inner = 0; inner < size; inner++) sum += factor[inner * size + row] * factor[inner * size + column];
			matrix[row * size + column] = sum;
		}
	}
	return matrix;
}
