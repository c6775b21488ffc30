/**
 * The seeded validation holdout of the factor models trained with mini-batches
 * (biased MF, SVD++), and their patience. The tracker is in ../early-stopping.ts.
 */
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
