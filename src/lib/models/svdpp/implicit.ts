/**
 * SVD++'s implicit-feedback term for every user:
 *   implicit[u] = |N(u)|^(−½) × Σ_{j ∈ N(u)} Y[j]
 * where N(u) is the set of items user u rated in training (row u of a CSR index).
 */
import * as tf from '@tensorflow/tfjs';

/** Items rated by each user: user u's items are `items[offsets[u] .. offsets[u + 1])`. */
export interface ImplicitIndex {
	offsets: Int32Array;
	items: Int32Array;
}

/** Segment id (the user) of each entry of `index.items`. */
export function entryUsers(index: ImplicitIndex): Int32Array {
	const users = new Int32Array(index.items.length);
	for (let user = 0; user + 1 < index.offsets.length; user++) users.fill(user, index.offsets[user], index.offsets[user + 1]);
	return users;
}

/** |N(u)|^(−½) per user, and 0 for users without items so their term is zero. */
export function implicitNorms(index: ImplicitIndex): Float32Array {
	const numUsers = index.offsets.length - 1;
	const norms = new Float32Array(numUsers);
	for (let user = 0; user < numUsers; user++) {
		const count = index.offsets[user + 1] - index.offsets[user];
		norms[user] = count > 0 ? 1 / Math.sqrt(count) : 0;
	}
	return norms;
}

/** Returns the [numUsers, factors] implicit term; the caller owns the result and keeps `implicitFactors`. */
export function implicitUserVectors(implicitFactors: tf.Tensor2D, index: ImplicitIndex): tf.Tensor2D {
	const numUsers = index.offsets.length - 1;
	return tf.tidy(() => {
		const rows = tf.gather(implicitFactors, tf.tensor1d(index.items, 'int32'));
		const sums = tf.unsortedSegmentSum(rows, tf.tensor1d(entryUsers(index), 'int32'), numUsers);
		return tf.mul(sums, tf.tensor2d(implicitNorms(index), [numUsers, 1])) as tf.Tensor2D;
	});
}
