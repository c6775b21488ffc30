import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { registerEmbeddingKernels, scatterAdd, unregisterEmbeddingKernels } from './kernels';
import { testBackends, useTestBackend } from './testing';

describe('scatterAdd', () => {
	it('sums rows into their segments', () => {
		const source = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
		const target = new Float32Array(6);
		scatterAdd(source, new Int32Array([2, 0, 2, 5]), 2, 3, target);
		// Row 3 has id 5, outside 0..2, so it is skipped.
		expect(Array.from(target)).toEqual([3, 4, 0, 0, 1 + 5, 2 + 6]);
	});
});

describe.each(testBackends)('UnsortedSegmentSum on %s', (backendName) => {
	afterAll(() => registerEmbeddingKernels());

	it('matches a hand-computed sum', async () => {
		await useTestBackend(backendName);
		const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
		const ids = tf.tensor1d([1, 1, 3], 'int32');
		const sum = tf.unsortedSegmentSum(x, ids, 4);
		expect(sum.shape).toEqual([4, 2]);
		expect(Array.from(await sum.data())).toEqual([0, 0, 4, 6, 0, 0, 5, 6]);
		tf.dispose([x, ids, sum]);
	});

	it('gives the gather gradient of tfjs own kernel', async () => {
		await useTestBackend(backendName);
		const table = tf.tensor2d([[0.5, -1], [2, 3], [1, 1], [4, -2]]);
		const indices = tf.tensor1d([3, 1, 3, 0, 3], 'int32');
		const weights = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]);
		const gradient = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, indices), weights)));

		const ours = gradient(table);
		const oursValues = Array.from(await ours.data());

		// The CPU backend's own kernel is the reference; WASM has none in tfjs 4.22.
		unregisterEmbeddingKernels();
		await useTestBackend('cpu');
		unregisterEmbeddingKernels();
		const reference = gradient(table);
		expect(oursValues).toEqual(Array.from(await reference.data()));
		expect(oursValues).toEqual([7, 8, 3, 4, 0, 0, 15, 18]);
		tf.dispose([table, indices, weights, ours, reference]);
	});

	it('gathers rows like the backend kernel', async () => {
		await useTestBackend(backendName);
		const table = tf.tensor3d([[[1, 2]], [[3, 4]], [[5, 6]]]);
		const indices = tf.tensor2d([[2, 0], [2, 1]], [2, 2], 'int32');
		const rows = tf.gather(table, indices);
		const columns = tf.gather(table, tf.tensor1d([1, 0], 'int32'), 2);
		const rowsValues = Array.from(await rows.data());
		const columnsValues = Array.from(await columns.data());

		unregisterEmbeddingKernels();
		const referenceRows = tf.gather(table, indices);
		const referenceColumns = tf.gather(table, tf.tensor1d([1, 0], 'int32'), 2);
		expect(rows.shape).toEqual([2, 2, 1, 2]);
		expect(rows.shape).toEqual(referenceRows.shape);
		expect(rowsValues).toEqual(Array.from(await referenceRows.data()));
		expect(rowsValues).toEqual([5, 6, 1, 2, 5, 6, 3, 4]);
		expect(columnsValues).toEqual(Array.from(await referenceColumns.data()));
		registerEmbeddingKernels();
		expect(() => tf.gather(table, tf.tensor1d([3], 'int32'))).toThrow(/index value 3 is not in \[0, 2\]/);
		tf.dispose([table, indices, rows, columns, referenceRows, referenceColumns]);
	});

	it('leaves no tensors behind in a gather gradient', async () => {
		await useTestBackend(backendName);
		registerEmbeddingKernels();
		const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
		const indices = tf.tensor1d([2, 0, 2], 'int32');
		const before = tf.memory().numTensors;
		const gradient = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, indices)))(table);
		expect(Array.from(await gradient.data())).toEqual([1, 1, 0, 0, 2, 2]);
		gradient.dispose();
		expect(tf.memory().numTensors).toBe(before);
		tf.dispose([table, indices]);
	});

	it('registers idempotently', async () => {
		await useTestBackend(backendName);
		const before = tf.getKernel('UnsortedSegmentSum', backendName);
		registerEmbeddingKernels();
		registerEmbeddingKernels();
		expect(tf.getKernel('UnsortedSegmentSum', backendName)?.kernelFunc).toBe(before?.kernelFunc);
	});
});
