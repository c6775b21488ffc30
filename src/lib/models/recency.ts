/**
 * Recency weights for next-item protocols: a user's most recent interaction
 * counts 1, the one before it 2^(−1/h), and the n-th most recent 2^(−(n−1)/h),
 * where h is the half-life counted in interactions. Item-item models that sum
 * over the user's history (EASE) multiply each term by this weight at scoring
 * time, so what the user did last weighs most in what comes next.
 */
import type { Interactions } from '../data/types';

/**
 * Returns one weight per row of `interactions`. Among rows with equal times, a
 * later row counts as more recent (as in leave-last-out). Throws when the data
 * has no times, naming what to change.
 */
export function recencyWeights(interactions: Interactions, halfLife: number): Float32Array {
	const { users, times, numUsers } = interactions;
	if (!(halfLife > 0)) throw new Error(`invalid recency half-life ${halfLife}: expected a positive number of interactions such as 10`);
	if (!times) {
		throw new Error('recency weighting needs interaction times, and this dataset has no timestamp column: set the recency half-life to 0, or import the data with a timestamp column');
	}
	const rowsOf: number[][] = Array.from({ length: numUsers }, () => []);
	for (let row = 0; row < users.length; row++) rowsOf[users[row]].push(row);
	const weights = new Float32Array(users.length);
	for (const rows of rowsOf) {
		rows.sort((a, b) => times[b] - times[a] || b - a);
		rows.forEach((row, rank) => (weights[row] = 2 ** (-rank / halfLife)));
	}
	return weights;
}
