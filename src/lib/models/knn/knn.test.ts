import { describe, expect, it } from 'vitest';
import type { Interactions } from '../../data/types';
import type { Explanation, FittedModel, TrainProgress } from '../contract';
import { contractTrain, contractTrainImplicit } from '../contract-fixtures';
import { defaultBaselineOptions, fitBaselines } from '../baselines/bias-baseline';
import type { SimilarityKind } from './config';
import { itemKnnSpec, userKnnSpec } from './index';
import { SimilarityAccumulator, similarityInputs } from './similarity';

function interactionsOf(cells: [number, number, number][], numUsers: number, numItems: number): Interactions {
	return {
		users: Int32Array.from(cells, (cell) => cell[0]),
		items: Int32Array.from(cells, (cell) => cell[1]),
		values: Float32Array.from(cells, (cell) => cell[2]),
		times: null,
		numUsers,
		numItems
	};
}

/** Computes the full item × item similarity matrix row by row. */
function itemSimilarities(
	interactions: Interactions,
	similarity: SimilarityKind,
	shrinkage = 0,
	minSupport = 1,
	mode: 'explicit' | 'implicit' = 'explicit'
): number[][] {
	const baselines = fitBaselines(interactions, defaultBaselineOptions);
	const { rows, columns } = similarityInputs(interactions, 'item', similarity, baselines);
	const accumulator = new SimilarityAccumulator(rows, columns, { similarity, shrinkage, minSupport, mode });
	const matrix: number[][] = [];
	for (let own = 0; own < interactions.numItems; own++) {
		accumulator.computeRow(own);
		const row = new Array<number>(interactions.numItems).fill(0);
		for (let position = 0; position < accumulator.touchedCount; position++) {
			const other = accumulator.touched[position];
			row[other] = accumulator.similarities[other];
		}
		matrix.push(row);
	}
	return matrix;
}

// Users × items, '-' not rated:
//        i0 i1 i2
//   u0:   5  3  1
//   u1:   4  -  2
//   u2:   1  5  -
// Cosine over co-rating users:
//   (i0, i1) on u0, u2: (5·3 + 1·5) / √((25 + 1)(9 + 25)) = 20 / √884 ≈ 0.672673
//   (i0, i2) on u0, u1: (5·1 + 4·2) / √((25 + 16)(1 + 4)) = 13 / √205 ≈ 0.907959
//   (i1, i2) on u0:     3·1 / √(9 · 1) = 1
// Pearson: two co-ratings always correlate ±1: i0 (5, 1) against i1 (3, 5) is −1,
// i0 (5, 4) against i2 (1, 2) is −1; one co-rating has no variance, so 0.
// Shrinkage 1 multiplies by (n − 1) / (n − 1 + 1): ½ for two co-ratings, 0 for one.
const worked = interactionsOf(
	[
		[0, 0, 5],
		[0, 1, 3],
		[0, 2, 1],
		[1, 0, 4],
		[1, 2, 2],
		[2, 0, 1],
		[2, 1, 5]
	],
	3,
	3
);

describe('kNN similarities', () => {
	it('match the worked cosine example', () => {
		const matrix = itemSimilarities(worked, 'cosine');
		expect(matrix[0][1]).toBeCloseTo(20 / Math.sqrt(884), 12);
		expect(matrix[0][2]).toBeCloseTo(13 / Math.sqrt(205), 12);
		expect(matrix[1][2]).toBeCloseTo(1, 12);
	});

	// As binary data, i0 has users {u0, u1, u2}, i1 {u0, u2} and i2 {u0, u1}. Over co-ratings
	// alone every pair would have cosine 1; over the whole vectors they differ.
	it('use whole vectors for implicit cosine', () => {
		const binary: Interactions = { ...worked, values: new Float32Array(worked.values.length).fill(1) };
		const matrix = itemSimilarities(binary, 'cosine', 0, 1, 'implicit');
		expect(matrix[0][1]).toBeCloseTo(2 / Math.sqrt(6), 12);
		expect(matrix[0][2]).toBeCloseTo(2 / Math.sqrt(6), 12);
		expect(matrix[1][2]).toBeCloseTo(1 / 2, 12);
		const shrunk = itemSimilarities(binary, 'cosine', 1, 1, 'implicit');
		expect(shrunk[0][1]).toBeCloseTo(1 / Math.sqrt(6), 12);
		expect(itemSimilarities(binary, 'cosine')[1][2]).toBe(1);
	});

	it('match the worked pearson example', () => {
		const matrix = itemSimilarities(worked, 'pearson');
		expect(matrix[0][1]).toBeCloseTo(-1, 12);
		expect(matrix[0][2]).toBeCloseTo(-1, 12);
		expect(matrix[1][2]).toBe(0);
	});

	it('apply shrinkage and minimum support', () => {
		const shrunk = itemSimilarities(worked, 'cosine', 1);
		expect(shrunk[0][1]).toBeCloseTo(10 / Math.sqrt(884), 12);
		expect(shrunk[1][2]).toBe(0);
		const supported = itemSimilarities(worked, 'cosine', 0, 2);
		expect(supported[1][2]).toBe(0);
		expect(supported[0][2]).toBeCloseTo(13 / Math.sqrt(205), 12);
	});

	const kinds: SimilarityKind[] = ['cosine', 'pearson', 'pearson-baseline'];
	it.each(kinds)('%s is symmetric and bounded', (kind) => {
		const matrix = itemSimilarities(contractTrain, kind, 10);
		for (let a = 0; a < matrix.length; a++) {
			for (let b = 0; b < matrix.length; b++) {
				expect(matrix[a][b]).toBe(matrix[b][a]);
				expect(matrix[a][b]).toBeGreaterThanOrEqual(kind === 'cosine' ? 0 : -1);
				expect(matrix[a][b]).toBeLessThanOrEqual(1);
			}
		}
	});

	it.each(kinds)('%s ignores the order of the rows', (kind) => {
		const count = contractTrain.users.length;
		const reversed: Interactions = {
			...contractTrain,
			users: contractTrain.users.slice().reverse(),
			items: contractTrain.items.slice().reverse(),
			values: contractTrain.values.slice().reverse()
		};
		expect(reversed.users[0]).toBe(contractTrain.users[count - 1]);
		expect(itemSimilarities(reversed, kind)).toEqual(itemSimilarities(contractTrain, kind));
	});
});

/** Rebuilds a score from its explanation: baseline + weighted mean of values (explicit) or the sum of similarities. */
function scoreFromExplanation(explanation: Explanation, mode: 'explicit' | 'implicit'): number {
	if (explanation.kind !== 'neighbours') throw new Error(`unexpected explanation ${explanation.kind}`);
	const similaritySum = explanation.neighbours.reduce((sum, neighbour) => sum + neighbour.similarity, 0);
	if (mode === 'implicit') return similaritySum;
	const weighted = explanation.neighbours.reduce((sum, neighbour) => sum + neighbour.similarity * neighbour.value, 0);
	return explanation.neighbours.length > 0 ? explanation.baseline + weighted / similaritySum : explanation.baseline;
}

const specs = [itemKnnSpec, userKnnSpec];

describe.each(specs.map((spec) => [spec.id, spec] as const))('%s', (_, spec) => {
	const explicitData = { interactions: contractTrain, kind: 'explicit' as const };
	const implicitData = { interactions: contractTrainImplicit, kind: 'implicit' as const };

	it.each([
		['explicit', explicitData, { k: 3 }],
		['implicit', implicitData, { k: 3, mode: 'implicit', similarity: 'cosine' }]
	] as const)('explains %s scores with exactly the neighbours used', async (mode, data, config) => {
		const model: FittedModel = await spec.fit(data, config, { seed: 1 });
		for (let user = 0; user < data.interactions.numUsers; user++) {
			const scores = await model.score(user);
			for (let item = 0; item < data.interactions.numItems; item++) {
				const explanation = await model.explain(user, item);
				if (explanation.kind !== 'neighbours') throw new Error('expected a neighbours explanation');
				expect(explanation.neighbours.length).toBeLessThanOrEqual(3);
				expect(scoreFromExplanation(explanation, mode)).toBeCloseTo(scores[item], 5);
			}
		}
	});

	it('falls back to the baseline and says why', async () => {
		const model = await spec.fit(explicitData, { minK: 40 }, { seed: 1 });
		const explanation = await model.explain(0, 4);
		if (explanation.kind !== 'neighbours') throw new Error('expected a neighbours explanation');
		expect(explanation.neighbours).toEqual([]);
		expect(explanation.fallback).toMatch(/fewer than minK \(40\)/);
		expect((await model.score(0, Int32Array.of(4)))[0]).toBeCloseTo(explanation.baseline, 5);
	});

	it('stores sorted neighbour lists of bounded length', async () => {
		const model = await spec.fit(explicitData, { storedNeighbours: 2 }, { seed: 1 });
		const saved = await model.save();
		const offsets = saved.arrays.find((array) => array.name === 'neighboursOffsets')?.data;
		const similarities = saved.arrays.find((array) => array.name === 'neighboursValues')?.data;
		if (!offsets || !similarities) throw new Error('missing neighbour arrays');
		for (let row = 0; row + 1 < offsets.length; row++) {
			expect(offsets[row + 1] - offsets[row]).toBeLessThanOrEqual(2);
			for (let entry = offsets[row] + 1; entry < offsets[row + 1]; entry++) {
				expect(similarities[entry]).toBeLessThanOrEqual(similarities[entry - 1]);
				expect(similarities[entry]).toBeGreaterThan(0);
			}
		}
	});

	it('rejects rating modes on implicit data', async () => {
		await expect(spec.fit(implicitData, {}, { seed: 1 })).rejects.toThrow(/needs mode 'implicit' and similarity 'cosine'/);
	});

	it('rejects minK above k', async () => {
		await expect(spec.fit(explicitData, { k: 2, minK: 3 }, { seed: 1 })).rejects.toThrow(/invalid minK 3: expected at most k \(2\)/);
	});

	it('reports progress and stops with AbortError', async () => {
		const controller = new AbortController();
		const phases: string[] = [];
		const onProgress = (progress: TrainProgress) => {
			phases.push(progress.phase);
			controller.abort();
		};
		await expect(spec.fit(explicitData, {}, { seed: 1, signal: controller.signal, onProgress })).rejects.toMatchObject({
			name: 'AbortError'
		});
		expect(phases).toEqual(['similarities']);
	});
});
