/**
 * Exact per-vector least-squares solves for implicit ALS in Float64 typed
 * arrays. For each row u (a user, or an item in the item step) it solves
 *   (YᵀY + λI + Σ_{i∈u} (c_ui − 1) y_i y_iᵀ) x_u = Σ_{i∈u} c_ui y_i
 * with a Cholesky factorisation. Building the system costs k² per interaction
 * of u and factoring it k³/6, so this path suits small factor counts.
 */

/** Interactions grouped by row (compressed sparse rows): row r owns `columns[offsets[r]..offsets[r+1])`. */
export interface SparseRows {
	offsets: Int32Array;
	columns: Int32Array;
	/** Confidence c of each entry, in the same order as `columns`. */
	confidence: Float32Array;
}

/** Groups interactions by `rows`; `columns` and `confidence` are reordered alongside. */
export function groupRows(rows: Int32Array, columns: Int32Array, confidence: Float32Array, rowCount: number): SparseRows {
	const offsets = new Int32Array(rowCount + 1);
	for (const row of rows) offsets[row + 1]++;
	for (let row = 0; row < rowCount; row++) offsets[row + 1] += offsets[row];
	const cursor = offsets.slice(0, rowCount);
	const groupedColumns = new Int32Array(rows.length);
	const groupedConfidence = new Float32Array(rows.length);
	for (let entry = 0; entry < rows.length; entry++) {
		const position = cursor[rows[entry]]++;
		groupedColumns[position] = columns[entry];
		groupedConfidence[position] = confidence[entry];
	}
	return { offsets, columns: groupedColumns, confidence: groupedConfidence };
}

/**
 * Factors the symmetric positive-definite k×k matrix `a` (row-major, upper
 * triangle read) in place into its lower Cholesky factor L, then solves
 * L Lᵀ x = b, overwriting `b` with x. Returns false when `a` is not positive
 * definite, leaving `b` unspecified.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, k: number): boolean {
	for (let j = 0; j < k; j++) {
		let diagonal = a[j * k + j];
		for (let p = 0; p < j; p++) diagonal -= a[j * k + p] * a[j * k + p];
		if (!(diagonal > 0)) return false;
		const pivot = Math.sqrt(diagonal);
		a[j * k + j] = pivot;
		for (let i = j + 1; i < k; i++) {
			// Row i, column j of L; a[j * k + i] still contains the input's upper-triangle entry (j, i).
			let sum = a[j * k + i];
			for (let p = 0; p < j; p++) sum -= a[i * k + p] * a[j * k + p];
			a[i * k + j] = sum / pivot;
		}
	}
	for (let i = 0; i < k; i++) {
		let sum = b[i];
		for (let p = 0; p < i; p++) sum -= a[i * k + p] * b[p];
		b[i] = sum / a[i * k + i];
	}
	for (let i = k - 1; i >= 0; i--) {
		let sum = b[i];
		for (let p = i + 1; p < k; p++) sum -= a[p * k + i] * b[p];
		b[i] = sum / a[i * k + i];
	}
	return true;
}

/**
 * Solves every row's vector given the fixed factors `fixed` (columns × k,
 * row-major) and returns them as a rowCount × k Float32Array.
 * `gram` is YᵀY + λI (k×k, Float64). Throws when a system is singular, which
 * needs λ = 0 and a rank-deficient Y.
 */
export function solveRowsExactly(fixed: Float32Array, gram: Float64Array, groups: SparseRows, k: number): Float32Array {
	const rowCount = groups.offsets.length - 1;
	const solution = new Float32Array(rowCount * k);
	const system = new Float64Array(k * k);
	const rightSide = new Float64Array(k);

	for (let row = 0; row < rowCount; row++) {
		system.set(gram);
		rightSide.fill(0);
		for (let entry = groups.offsets[row]; entry < groups.offsets[row + 1]; entry++) {
			const offset = groups.columns[entry] * k;
			const confidence = groups.confidence[entry];
			const extra = confidence - 1;
			for (let i = 0; i < k; i++) {
				const scaled = extra * fixed[offset + i];
				rightSide[i] += confidence * fixed[offset + i];
				// Only the upper triangle (j ≥ i) is read by choleskySolve.
				for (let j = i; j < k; j++) system[i * k + j] += scaled * fixed[offset + j];
			}
		}
		if (!choleskySolve(system, rightSide, k)) {
			throw new Error(`implicit ALS system for row ${row} is singular: set regularization above 0`);
		}
		for (let i = 0; i < k; i++) solution[row * k + i] = rightSide[i];
	}
	return solution;
}
