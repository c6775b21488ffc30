/**
 * Implicit-feedback ALS (Hu, Koren and Volinsky, "Collaborative Filtering for
 * Implicit Feedback Datasets", ICDM 2008). With preference p_ui = 1 for every
 * observed interaction and 0 elsewhere, and confidence c_ui = 1 + α·r_ui
 * (or 1 + α·ln(1 + r_ui)) for observed pairs and 1 elsewhere, it minimises
 *   Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ (Σ_u |x_u|² + Σ_i |y_i|²)
 * by alternately solving every user vector with the items fixed and every
 * item vector with the users fixed. Each solve uses
 *   (YᵀY + Yᵀ(C_u − I)Y + λI) x_u = Yᵀ C_u p_u,
 * where YᵀY is one matrix product shared by all users and the correction sums
 * only over u's interactions.
 */
import * as tf from '@tensorflow/tfjs';
import type { Interactions } from '../../data/types';
import type { FitContext } from '../contract';
import { createYielder, throwIfAborted } from '../../eval/schedule';
import { registerEmbeddingKernels } from '../../tf/kernels';
import type { FactorParameters } from './factor-model';
import type { ImplicitAlsConfig } from './config';
import { groupRows, solveRowsExactly, type SparseRows } from './cholesky';
import { createSides, disposeSides, objective, solveRowsByConjugateGradient, type Side } from './conjugate-gradient';

/** Confidence c_ui of each interaction; throws on a negative or non-finite value. */
export function confidenceOf(values: Float32Array, config: Pick<ImplicitAlsConfig, 'alpha' | 'confidence'>): Float32Array {
	const confidence = new Float32Array(values.length);
	for (let row = 0; row < values.length; row++) {
		const value = values[row];
		if (!(value >= 0 && Number.isFinite(value))) {
			throw new Error(`implicit ALS needs non-negative interaction values, but row ${row} has ${value}: use counts, 1 for "seen", or ratings on a positive scale`);
		}
		confidence[row] = 1 + config.alpha * (config.confidence === 'log' ? Math.log1p(value) : value);
	}
	return confidence;
}

/** YᵀY + λI as a k×k Float64Array, for the exact solver. */
function regularizedGram(factors: tf.Tensor2D, regularization: number): Promise<Float64Array> {
	const gram = tf.tidy(() => tf.matMul(factors, factors, true, false));
	return gram.data().then((values) => {
		gram.dispose();
		const k = factors.shape[1];
		const result = Float64Array.from(values);
		for (let i = 0; i < k; i++) result[i * k + i] += regularization;
		return result;
	});
}

/** Solves one exact half-step and returns the rows' least-squares factors given `fixed`. */
async function solveExactly(fixed: tf.Tensor2D, groups: SparseRows, regularization: number): Promise<tf.Tensor2D> {
	const k = fixed.shape[1];
	const gram = await regularizedGram(fixed, regularization);
	const fixedValues = (await fixed.data()) as Float32Array;
	const solution = solveRowsExactly(fixedValues, gram, groups, k);
	return tf.tensor2d(solution, [groups.offsets.length - 1, k]);
}

/**
 * Trains user and item factors. Reports the objective divided by the number of
 * interactions after each iteration, throws an AbortError on abort and a clear
 * error when the factors stop being finite, leaking no tensors either way.
 */
export async function trainImplicitAls(
	interactions: Interactions,
	config: ImplicitAlsConfig,
	context: FitContext
): Promise<FactorParameters> {
	const count = interactions.users.length;
	if (count === 0) throw new Error('no training interactions: import a dataset with at least one interaction');
	registerEmbeddingKernels();

	const { numUsers, numItems } = interactions;
	const { factors, iterations, regularization, initStd } = config;
	const confidence = confidenceOf(interactions.values, config);
	const byUser = config.solver === 'cholesky' ? groupRows(interactions.users, interactions.items, confidence, numUsers) : null;
	const byItem = config.solver === 'cholesky' ? groupRows(interactions.items, interactions.users, confidence, numItems) : null;
	const sides: { users: Side; items: Side } = createSides(interactions, confidence);

	let userFactors: tf.Tensor2D = tf.randomNormal([numUsers, factors], 0, initStd, 'float32', context.seed);
	let itemFactors: tf.Tensor2D = tf.randomNormal([numItems, factors], 0, initStd, 'float32', context.seed + 1);
	let succeeded = false;
	const maybeYield = createYielder();
	const started = performance.now();
	const total = iterations * 2;

	try {
		for (let iteration = 1; iteration <= iterations; iteration++) {
			// Users given items, then items given users: the same solve with the roles swapped.
			for (const step of ['users', 'items'] as const) {
				throwIfAborted(context.signal);
				const solved =
					step === 'users'
						? byUser
							? await solveExactly(itemFactors, byUser, regularization)
							: solveRowsByConjugateGradient(userFactors, itemFactors, sides.users, regularization)
						: byItem
							? await solveExactly(userFactors, byItem, regularization)
							: solveRowsByConjugateGradient(itemFactors, userFactors, sides.items, regularization);
				if (step === 'users') {
					userFactors.dispose();
					userFactors = solved;
				} else {
					itemFactors.dispose();
					itemFactors = solved;
				}

				const done = (iteration - 1) * 2 + (step === 'users' ? 1 : 2);
				const elapsed = (performance.now() - started) / 1000;
				const etaSeconds = (elapsed / done) * (total - done);
				if (step === 'users') context.onProgress?.({ phase: 'train', done, total, epoch: iteration, etaSeconds });
				await maybeYield();
			}

			const lossTensor = objective(userFactors, itemFactors, sides.users, regularization);
			const loss = (await lossTensor.data())[0] / count;
			lossTensor.dispose();
			if (!Number.isFinite(loss)) {
				throw new Error(`implicit ALS factors stopped being finite at iteration ${iteration}: raise regularization (now ${regularization}) or lower alpha (now ${config.alpha})`);
			}
			const done = iteration * 2;
			const elapsed = (performance.now() - started) / 1000;
			context.onProgress?.({ phase: 'train', done, total, epoch: iteration, loss, etaSeconds: (elapsed / done) * (total - done) });
		}
		succeeded = true;
		return { userFactors, itemFactors, itemBias: null };
	} finally {
		disposeSides(sides);
		if (!succeeded) tf.dispose([userFactors, itemFactors]);
	}
}
