/**
 * Times the cluster map's projection step through src/lib/cluster/projection.ts
 * on seeded synthetic data: 10,000 points in 32 dimensions from 8 Gaussian
 * blobs. Writes bench/results/cluster-latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { adjustedRandIndex } from '../../src/lib/cluster/ari';
import type { FeatureMatrix } from '../../src/lib/cluster/features';
import { fitKMeans } from '../../src/lib/cluster/kmeans';
import { projectPca, projectUmap } from '../../src/lib/cluster/projection';
import { mulberry32 } from '../../src/lib/eval/random';
import { useTestBackend } from '../../src/lib/tf/testing';

const points = Number(process.env.CLUSTER_POINTS ?? 10_000);
const dimensions = 32;
const blobs = 8;

/** Blobs with unit-variance noise around centres drawn from N(0, 4²) per dimension. */
function gaussianBlobs(seed: number): { matrix: FeatureMatrix; labels: Int32Array } {
	const random = mulberry32(seed);
	const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const centres = Array.from({ length: blobs * dimensions }, () => 4 * gaussian());
	const data = new Float32Array(points * dimensions);
	const labels = new Int32Array(points);
	for (let row = 0; row < points; row++) {
		const blob = row % blobs;
		labels[row] = blob;
		for (let d = 0; d < dimensions; d++) data[row * dimensions + d] = centres[blob * dimensions + d] + gaussian();
	}
	return { matrix: { data, rows: points, dimensions, preparation: 'synthetic' }, labels };
}

async function seconds<T>(task: () => Promise<T>): Promise<[T, number]> {
	const started = performance.now();
	const result = await task();
	return [result, (performance.now() - started) / 1000];
}

it('times projection and k-means on synthetic blobs', async () => {
	await useTestBackend('wasm');
	const { matrix, labels } = gaussianBlobs(1);

	const [, pcaSeconds] = await seconds(() => projectPca(matrix));
	const [, umapFullSeconds] = await seconds(() => projectUmap(matrix, { seed: 1, maxPoints: points }));
	const [, umapSampledSeconds] = await seconds(() => projectUmap(matrix, { seed: 1 }));
	const [fit, kmeansSeconds] = await seconds(() => fitKMeans(matrix, { k: blobs, seed: 1 }));

	const result = {
		date: new Date().toISOString(),
		machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, tfjs backend ${tf.getBackend()}`,
		data: `${points} points, ${dimensions} dimensions, ${blobs} Gaussian blobs (seed 1)`,
		seconds: {
			pca: pcaSeconds,
			umapAllPoints: umapFullSeconds,
			umapSample5000PlusInterpolation: umapSampledSeconds,
			kmeans: kmeansSeconds
		},
		kmeansAdjustedRandIndex: adjustedRandIndex(fit.assignments, labels)
	};
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/cluster-latest.json', `${JSON.stringify(result, null, 2)}\n`);
	console.log(JSON.stringify(result, null, 2));
});
