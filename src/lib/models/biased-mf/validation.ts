/**
 * Early stopping on a seeded holdout of the training interactions, shared by
 * the factor models trained with mini-batches (biased MF, SVD++).
 */
import * as tf from '@tensorflow/tfjs';
import type { Interactions } from '../../data/types';
import { mulberry32, randomPermutation } from '../../eval/random';

/** Parallel columns of (user, item, rating) rows. */
export interface RatingRows {
	users: Int32Array;
	items: Int32Array;
	values: Float32Array;
}

/** Epochs without a better validation RMSE after which training stops. */
export const earlyStoppingPatience = 2;

/**
 * Holds out round(fraction × count) rows, chosen by a generator seeded with
 * `seed`, keeping at least one row for training. Returns every row as
 * training and no validation rows when the fraction is 0 or the data has a single row.
 */
export function splitValidation(
	interactions: Interactions,
	fraction: number,
	seed: number
): { training: RatingRows; validation: RatingRows | null } {
	const count = interactions.users.length;
	const validationCount = fraction > 0 ? Math.min(count - 1, Math.max(1, Math.round(fraction * count))) : 0;
	if (validationCount === 0) return { training: interactions, validation: null };

	// An offset seed keeps this draw apart from the epoch shuffles, which use `seed` itself.
	const order = randomPermutation(count, mulberry32(seed ^ 0x5eed));
	const take = (rows: Int32Array): RatingRows => ({
		users: Int32Array.from(rows, (row) => interactions.users[row]),
		items: Int32Array.from(rows, (row) => interactions.items[row]),
		values: Float32Array.from(rows, (row) => interactions.values[row])
	});
	return { training: take(order.subarray(validationCount)), validation: take(order.subarray(0, validationCount)) };
}

/**
 * Tracks the best validation RMSE and a copy of the parameters at that epoch.
 * The copies are its own: {@link takeBest} hands them over, {@link dispose} frees what is left.
 */
export class EarlyStopping {
	bestRmse = Number.POSITIVE_INFINITY;
	bestEpoch = 0;
	private epoch = 0;
	private best: tf.Tensor[] | null = null;

	/** Records one epoch's validation RMSE; returns true when training should stop. */
	update(rmse: number, parameters: tf.Tensor[]): boolean {
		this.epoch++;
		if (rmse < this.bestRmse) {
			this.bestRmse = rmse;
			this.bestEpoch = this.epoch;
			// tf.clone shares the data, and the optimiser's assign gives each variable new data, so the copy stays fixed.
			if (this.best) tf.dispose(this.best);
			this.best = parameters.map((parameter) => tf.clone(parameter));
		}
		return this.epoch - this.bestEpoch >= earlyStoppingPatience;
	}

	/**
	 * Returns the best epoch's parameters and disposes `current`, or returns
	 * `current` when no epoch was recorded. The caller owns the result.
	 */
	takeBest(current: tf.Tensor[]): tf.Tensor[] {
		if (!this.best) return current;
		const best = this.best;
		this.best = null;
		tf.dispose(current);
		return best;
	}

	dispose(): void {
		if (this.best) tf.dispose(this.best);
		this.best = null;
	}
}
