/**
 * Seeded pseudo-random numbers, so splits, shuffles and initial weights repeat
 * exactly for the same seed in the browser, in workers and in Node.
 */

/**
 * Creates a mulberry32 generator: 32-bit state, uniform floats in [0, 1).
 * Fast and good enough for shuffling; not for cryptography.
 */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let mixed = state;
		mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
		mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	};
}

/** Shuffles `values` in place (Fisher–Yates) with the given generator and returns it. */
export function shuffleInPlace<T extends Int32Array | Uint32Array | number[]>(
	values: T,
	random: () => number
): T {
	for (let i = values.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		const swap = values[i];
		values[i] = values[j];
		values[j] = swap;
	}
	return values;
}

/** Returns 0, 1, …, count-1 in a seeded random order. */
export function randomPermutation(count: number, random: () => number): Int32Array {
	const order = new Int32Array(count);
	for (let i = 0; i < count; i++) order[i] = i;
	return shuffleInPlace(order, random);
}
