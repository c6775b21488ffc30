/**
 * Learning the hybrid's blend weights from the components' scores on the
 * validation part: ridge regression in closed form, and a coordinate search
 * for the best NDCG@10. Plain Float64 TypeScript: there are only a few weights.
 */
import { ndcgAtK } from '../../eval/metrics';
import { topK } from '../../eval/top-k';

/** A linear blend: score = intercept + Σ weights[c] · score_c. */
export interface Blend {
	intercept: number;
	weights: number[];
}

/**
 * Ridge regression with an unpenalised intercept, in closed form:
 *   [b, w] = (AᵀA + λD)⁻¹ Aᵀy,  A = [1 | features],  D = diag(0, 1, …, 1).
 * `features[c][row]` is component c's score for validation row `row`.
 */
export function solveRidge(features: ArrayLike<number>[], targets: ArrayLike<number>, lambda: number): Blend {
	const size = features.length + 1;
	const rows = targets.length;
	if (rows === 0) throw new Error('no validation interactions to learn the blend weights from: raise validationFraction or use more data');
	const column = (index: number, row: number) => (index === 0 ? 1 : features[index - 1][row]);

	// Normal equations, accumulated in Float64.
	const matrix = new Float64Array(size * size);
	const right = new Float64Array(size);
	for (let row = 0; row < rows; row++) {
		for (let a = 0; a < size; a++) {
			const valueA = column(a, row);
			right[a] += valueA * targets[row];
			for (let b = a; b < size; b++) matrix[a * size + b] += valueA * column(b, row);
		}
	}
	for (let a = 0; a < size; a++) {
		for (let b = 0; b < a; b++) matrix[a * size + b] = matrix[b * size + a];
		if (a > 0) matrix[a * size + a] += lambda;
	}

	const solution = solveLinear(matrix, right, size);
	return { intercept: solution[0], weights: Array.from(solution.slice(1)) };
}

/** Solves the size × size system by Gaussian elimination with partial pivoting; throws when it is singular. */
export function solveLinear(matrix: Float64Array, right: Float64Array, size: number): Float64Array {
	const a = Float64Array.from(matrix);
	const b = Float64Array.from(right);
	for (let pivot = 0; pivot < size; pivot++) {
		let best = pivot;
		for (let row = pivot + 1; row < size; row++) if (Math.abs(a[row * size + pivot]) > Math.abs(a[best * size + pivot])) best = row;
		if (Math.abs(a[best * size + pivot]) < 1e-12) {
			throw new Error('the blend regression is singular (a component gives the same score everywhere, or too few validation rows): raise ridgeLambda');
		}
		if (best !== pivot) {
			for (let column = 0; column < size; column++) {
				const swap = a[pivot * size + column];
				a[pivot * size + column] = a[best * size + column];
				a[best * size + column] = swap;
			}
			[b[pivot], b[best]] = [b[best], b[pivot]];
		}
		for (let row = pivot + 1; row < size; row++) {
			const factor = a[row * size + pivot] / a[pivot * size + pivot];
			for (let column = pivot; column < size; column++) a[row * size + column] -= factor * a[pivot * size + column];
			b[row] -= factor * b[pivot];
		}
	}
	const solution = new Float64Array(size);
	for (let row = size - 1; row >= 0; row--) {
		let sum = b[row];
		for (let column = row + 1; column < size; column++) sum -= a[row * size + column] * solution[column];
		solution[row] = sum / a[row * size + row];
	}
	return solution;
}

/** One validation user for the ranking blend: every component's scores over the candidate items, and the held-out items. */
export interface RankingCase {
	/** Per component, the scores of `candidates` in the same order. */
	scores: Float32Array[];
	candidates: Int32Array;
	relevant: Set<number>;
}

/** Multipliers the coordinate search tries for each standardised component. */
const weightGrid = [0, 0.25, 0.5, 1, 2, 4];
const searchRounds = 2;
const cutoff = 10;

/**
 * Chooses weights on standardised scores (each component's mean and standard
 * deviation over all cases) by coordinate search for the best mean NDCG@10,
 * starting from equal weights, then folds the standardisation into the
 * returned raw-score weights and intercept.
 */
export function searchRankBlend(cases: RankingCase[], componentCount: number): Blend & { ndcg: number } {
	const { means, deviations } = scoreMoments(cases, componentCount);
	const standardised = [...Array(componentCount).fill(1)];
	const evaluate = (weights: number[]) => meanNdcg(cases, weights.map((weight, index) => weight / deviations[index]));

	let best = evaluate(standardised);
	for (let round = 0; round < searchRounds; round++) {
		for (let component = 0; component < componentCount; component++) {
			for (const candidate of weightGrid) {
				if (candidate === standardised[component]) continue;
				const trial = [...standardised];
				trial[component] = candidate;
				if (trial.every((weight) => weight === 0)) continue;
				const value = evaluate(trial);
				if (value > best) {
					best = value;
					standardised[component] = candidate;
				}
			}
		}
	}

	const weights = standardised.map((weight, index) => weight / deviations[index]);
	const intercept = -standardised.reduce((sum, weight, index) => sum + (weight * means[index]) / deviations[index], 0);
	return { intercept, weights, ndcg: best };
}

/** Mean and standard deviation (1 where the scores are constant) of each component's scores over all cases. */
export function scoreMoments(cases: RankingCase[], componentCount: number): { means: number[]; deviations: number[] } {
	const means: number[] = [];
	const deviations: number[] = [];
	for (let component = 0; component < componentCount; component++) {
		let count = 0;
		let sum = 0;
		let squares = 0;
		for (const { scores } of cases) {
			for (const value of scores[component]) {
				count++;
				sum += value;
				squares += value * value;
			}
		}
		const mean = count > 0 ? sum / count : 0;
		const variance = count > 0 ? squares / count - mean * mean : 0;
		means.push(mean);
		deviations.push(variance > 1e-12 ? Math.sqrt(variance) : 1);
	}
	return { means, deviations };
}

function meanNdcg(cases: RankingCase[], weights: number[]): number {
	let total = 0;
	for (const { scores, candidates, relevant } of cases) {
		const blended = new Float64Array(candidates.length);
		weights.forEach((weight, component) => {
			if (weight === 0) return;
			const componentScores = scores[component];
			for (let position = 0; position < blended.length; position++) blended[position] += weight * componentScores[position];
		});
		const top = topK(blended, cutoff);
		total += ndcgAtK(Array.from(top, (position) => candidates[position]), relevant, cutoff);
	}
	return cases.length > 0 ? total / cases.length : 0;
}
