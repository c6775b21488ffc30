import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../eval/random';
import { testBackends, useTestBackend } from '../tf/testing';
import type { FeatureMatrix } from './features';
import { projectPca, projectUmap } from './projection';

/** Two blobs of 40 points in 5 dimensions, 20 apart along the first axis. */
function blobs(): FeatureMatrix {
	const random = mulberry32(11);
	const data = new Float32Array(80 * 5);
	for (let row = 0; row < 80; row++) {
		for (let d = 0; d < 5; d++) data[row * 5 + d] = (d === 0 && row >= 40 ? 20 : 0) + random() - 0.5;
	}
	return { data, rows: 80, dimensions: 5, preparation: '' };
}

describe.each(testBackends)('projection on %s', (backend) => {
	beforeAll(async () => {
		await useTestBackend(backend);
	});

	it('PCA maps points on a line onto the first axis', async () => {
		// Points t · (1, 2, 2) / 3 for t = −2..2: the line's direction is the first component.
		const ts = [-2, -1, 0, 1, 2];
		const matrix: FeatureMatrix = { data: Float32Array.from(ts.flatMap((t) => [t / 3, (2 * t) / 3, (2 * t) / 3])), rows: 5, dimensions: 3, preparation: '' };
		const before = tf.memory().numTensors;
		const coordinates = await projectPca(matrix);
		expect(tf.memory().numTensors).toBe(before);
		const xs = ts.map((_, row) => coordinates[row * 2]);
		const ys = ts.map((_, row) => coordinates[row * 2 + 1]);
		// The sign of an eigenvector is a convention: compare magnitudes and order.
		xs.forEach((x, row) => expect(Math.abs(x)).toBeCloseTo(Math.abs(ts[row]), 4));
		expect(Math.sign(xs[4] - xs[0])).toBe(Math.sign(xs[3] - xs[1]));
		ys.forEach((y) => expect(y).toBeCloseTo(0, 4));
	});

	it('UMAP separates two blobs and interpolates the rest without leaking', async () => {
		const matrix = blobs();
		const before = tf.memory().numTensors;
		const progress: number[] = [];
		const coordinates = await projectUmap(matrix, { seed: 5, maxPoints: 50, epochs: 60 }, { onProgress: (done) => progress.push(done) });
		expect(tf.memory().numTensors).toBe(before);
		expect(progress.at(-1)).toBe(60);
		const centre = (from: number) => {
			let x = 0;
			let y = 0;
			for (let row = from; row < from + 40; row++) {
				x += coordinates[row * 2] / 40;
				y += coordinates[row * 2 + 1] / 40;
			}
			return [x, y];
		};
		const [a, b] = [centre(0), centre(40)];
		const gap = Math.hypot(a[0] - b[0], a[1] - b[1]);
		// Every point lies nearer its own blob's centre than the other one's.
		for (let row = 0; row < 80; row++) {
			const own = row < 40 ? a : b;
			const other = row < 40 ? b : a;
			const point = [coordinates[row * 2], coordinates[row * 2 + 1]];
			expect(Math.hypot(point[0] - own[0], point[1] - own[1])).toBeLessThan(Math.hypot(point[0] - other[0], point[1] - other[1]));
		}
		expect(gap).toBeGreaterThan(0);
	});

	it('UMAP repeats with the same seed', async () => {
		const first = await projectUmap(blobs(), { seed: 9, epochs: 30 });
		const second = await projectUmap(blobs(), { seed: 9, epochs: 30 });
		expect(Array.from(second)).toEqual(Array.from(first));
	});

	it('UMAP stops when the signal is aborted', async () => {
		const controller = new AbortController();
		const before = tf.memory().numTensors;
		const run = projectUmap(blobs(), { seed: 1, epochs: 400 }, { signal: controller.signal, onProgress: (done) => done >= 20 && controller.abort() });
		await expect(run).rejects.toThrow(/cancelled/);
		expect(tf.memory().numTensors).toBe(before);
	});
});
