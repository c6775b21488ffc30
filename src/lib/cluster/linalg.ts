/**
 * Small dense linear algebra in plain JavaScript, for matrices of a few dozen
 * rows: the Gram and covariance matrices that the tfjs code in svd.ts and
 * projection.ts reduces its inputs to. Matrices are row-major Float64Arrays.
 */

/** Eigenvalues (descending) and unit eigenvectors (columns of `vectors`, row-major size × size) of a symmetric matrix. */
export interface SymmetricEigen {
	values: Float64Array;
	vectors: Float64Array;
}

/**
 * Diagonalises a symmetric matrix with cyclic Jacobi rotations (Golub and Van
 * Loan, "Matrix Computations", section 8.5). Cost about 10 × size³, so it suits
 * sizes up to a few hundred. Each eigenvector's largest entry is made positive,
 * so the result does not depend on rounding in the rotations' signs.
 */
export function symmetricEigen(matrix: ArrayLike<number>, size: number): SymmetricEigen {
	const a = Float64Array.from(matrix);
	const v = new Float64Array(size * size);
	for (let i = 0; i < size; i++) v[i * size + i] = 1;

	for (let sweep = 0; sweep < 60; sweep++) {
		let offDiagonal = 0;
		let diagonal = 0;
		for (let p = 0; p < size; p++) {
			diagonal += a[p * size + p] ** 2;
			for (let q = p + 1; q < size; q++) offDiagonal += a[p * size + q] ** 2;
		}
		if (offDiagonal <= 1e-24 * Math.max(diagonal, 1e-300)) break;

		for (let p = 0; p < size - 1; p++) {
			for (let q = p + 1; q < size; q++) {
				const apq = a[p * size + q];
				if (Math.abs(apq) < 1e-300) continue;
				const theta = (a[q * size + q] - a[p * size + p]) / (2 * apq);
				const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
				const c = 1 / Math.sqrt(t * t + 1);
				const s = t * c;
				for (let k = 0; k < size; k++) {
					const akp = a[k * size + p];
					const akq = a[k * size + q];
					a[k * size + p] = c * akp - s * akq;
					a[k * size + q] = s * akp + c * akq;
				}
				for (let k = 0; k < size; k++) {
					const apk = a[p * size + k];
					const aqk = a[q * size + k];
					a[p * size + k] = c * apk - s * aqk;
					a[q * size + k] = s * apk + c * aqk;
				}
				for (let k = 0; k < size; k++) {
					const vkp = v[k * size + p];
					const vkq = v[k * size + q];
					v[k * size + p] = c * vkp - s * vkq;
					v[k * size + q] = s * vkp + c * vkq;
				}
			}
		}
	}

	const order = Array.from({ length: size }, (_, i) => i).sort((x, y) => a[y * size + y] - a[x * size + x]);
	const values = new Float64Array(size);
	const vectors = new Float64Array(size * size);
	order.forEach((source, target) => {
		values[target] = a[source * size + source];
		let largest = 0;
		for (let k = 0; k < size; k++) if (Math.abs(v[k * size + source]) > Math.abs(largest)) largest = v[k * size + source];
		const sign = largest < 0 ? -1 : 1;
		for (let k = 0; k < size; k++) vectors[k * size + target] = sign * v[k * size + source];
	});
	return { values, vectors };
}
