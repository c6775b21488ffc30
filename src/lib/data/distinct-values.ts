/** The distinct values of a Float32 column, for telling rating scales from counts without a Set lookup per row. */

const NEGATIVE_ZERO_BITS = 0x80000000 | 0;
const NAN_BITS = 0x7fc00000;

/**
 * Returns the distinct values of `values`, in first-seen order, stopping once
 * there are more than `limit`; so a result longer than `limit` means "too many".
 * Rows whose `keep` flag is 0, and rows equal to `skip`, are left out.
 * Values compare as a Set compares them: 0 equals -0 and NaN equals NaN.
 */
export function distinctValues(values: Float32Array, limit: number, keep: Uint8Array | null = null, skip = Number.NaN): Float32Array {
	// The values' bit patterns serve as exact keys of a small open-addressing table.
	const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
	let capacity = 8;
	while (capacity < 2 * (limit + 1)) capacity *= 2;
	const shift = 32 - Math.log2(capacity);
	const mask = capacity - 1;
	const keys = new Int32Array(capacity);
	const used = new Uint8Array(capacity);
	const found: number[] = [];

	for (let row = 0; row < values.length; row++) {
		if (keep !== null && keep[row] === 0) continue;
		const value = values[row];
		if (value === skip) continue;
		let key = bits[row];
		if (key === NEGATIVE_ZERO_BITS) key = 0;
		else if (value !== value) key = NAN_BITS;

		let slot = Math.imul(key, 0x9e3779b1) >>> shift;
		while (used[slot] === 1 && keys[slot] !== key) slot = (slot + 1) & mask;
		if (used[slot] === 1) continue;
		used[slot] = 1;
		keys[slot] = key;
		found.push(key === 0 ? 0 : value);
		if (found.length > limit) break;
	}
	return Float32Array.from(found);
}
