/**
 * One segmentation run: features, k-means over the k range, the 2-D
 * projection, then cluster profiles. Reports progress per phase and stops
 * between steps (and inside long loops) when the signal aborts.
 */
import type { Dataset } from '../data/types';
import { throwIfAborted } from '../eval/schedule';
import type { ModelRecord } from '../storage/schema';
import { buildFeatures } from './features';
import { bestK, fitKMeans, sweepK, type KMeansFit } from './kmeans';
import { profileClusters } from './profiles';
import { projectPca, projectUmap } from './projection';
import type { SegmentationRequest, SegmentationResult } from './types';

export interface SegmentationProgress {
	/** 'features', 'clustering k=…', 'projection' or 'profiles'. */
	phase: string;
	done: number;
	total: number;
}

export interface SegmentationContext {
	signal?: AbortSignal;
	onProgress?: (progress: SegmentationProgress) => void;
	/** Loads a stored model, for 'model-factors' features. */
	loadModel: (modelId: string) => Promise<ModelRecord>;
	/** Id of the result; default a random "seg-…" id. */
	id?: string;
}

/** Largest k the sweep accepts; the silhouette and profiles get hard to read well before it. */
const MAX_K = 50;

function randomId(): string {
	const random = crypto.getRandomValues(new Uint32Array(2));
	return `seg-${Date.now().toString(36)}-${random[0].toString(36)}${random[1].toString(36)}`;
}

/** Rejects requests whose numbers cannot work, with the value and the valid range. */
export function validateRequest(request: SegmentationRequest, points: number): void {
	const [low, high] = request.kRange;
	if (!(Number.isInteger(low) && Number.isInteger(high) && low >= 2 && low <= high && high <= MAX_K)) {
		throw new Error(`invalid kRange [${low}, ${high}]: expected integers with 2 ≤ low ≤ high ≤ ${MAX_K}`);
	}
	if (request.k !== 'auto' && !(Number.isInteger(request.k) && request.k >= 1 && request.k <= MAX_K)) {
		throw new Error(`invalid k ${request.k}: expected 'auto' or an integer from 1 to ${MAX_K}`);
	}
	if (request.k !== 'auto' && request.k > points) {
		throw new Error(`invalid k ${request.k}: the dataset has only ${points} ${request.entity}`);
	}
	if (!(Number.isInteger(request.sampleSize) && request.sampleSize >= 2)) {
		throw new Error(`invalid sampleSize ${request.sampleSize}: expected an integer of at least 2`);
	}
	if (!Number.isInteger(request.seed)) throw new Error(`invalid seed ${request.seed}: expected an integer`);
}

/** Runs a segmentation of `dataset` as `request` describes. Throws an AbortError when cancelled. */
export async function runSegmentation(dataset: Dataset, request: SegmentationRequest, context: SegmentationContext): Promise<SegmentationResult> {
	const { signal } = context;
	const report = (phase: string, done: number, total: number) => context.onProgress?.({ phase, done, total });
	const points = request.entity === 'users' ? dataset.interactions.numUsers : dataset.interactions.numItems;
	validateRequest(request, points);

	// Features.
	let started = performance.now();
	report('features', 0, 1);
	const features = await buildFeatures(dataset, request.entity, request.features, {
		seed: request.seed,
		signal,
		loadModel: context.loadModel,
		onProgress: (done, total) => report('features', done, total)
	});
	const featureSeconds = (performance.now() - started) / 1000;
	throwIfAborted(signal);

	// Clustering: the sweep gives the curves; a fixed k outside the range is fitted on its own.
	started = performance.now();
	const { sampleSize } = request;
	const high = Math.min(request.kRange[1], points - 1);
	const sweep =
		high >= request.kRange[0]
			? await sweepK(features, {
					kRange: [request.kRange[0], high],
					seed: request.seed,
					sampleSize,
					signal,
					onProgress: (done, total, k) => report(`clustering k=${k}`, done, total)
				})
			: { scores: [], fits: new Map<number, KMeansFit>() };
	let k = request.k === 'auto' ? 1 : request.k;
	if (request.k === 'auto' && sweep.scores.length > 0) k = bestK(sweep.scores);
	const fit = sweep.fits.get(k) ?? (await fitKMeans(features, { k, seed: request.seed, sampleSize, signal }));
	report(`clustering k=${k}`, 1, 1);
	const clusteringSeconds = (performance.now() - started) / 1000;
	throwIfAborted(signal);

	// Projection.
	started = performance.now();
	report('projection', 0, 1);
	const coordinates =
		request.projection === 'umap'
			? await projectUmap(
					features,
					{ seed: request.seed, ...(request.projectionSampleSize ? { maxPoints: request.projectionSampleSize } : {}) },
					{ signal, onProgress: (done, total) => report('projection', done, total) }
				)
			: await projectPca(features);
	report('projection', 1, 1);
	const projectionSeconds = (performance.now() - started) / 1000;
	throwIfAborted(signal);

	// Profiles.
	report('profiles', 0, 1);
	const profiles = profileClusters(dataset, request.entity, fit.assignments, k, features, fit.centroids);
	report('profiles', 1, 1);

	return {
		id: context.id ?? randomId(),
		datasetId: dataset.id,
		entity: request.entity,
		features: request.features,
		preparation: features.preparation,
		k,
		kScores: sweep.scores,
		assignments: fit.assignments,
		coordinates,
		projection: request.projection,
		profiles,
		createdAt: Date.now(),
		seconds: { features: featureSeconds, clustering: clusteringSeconds, projection: projectionSeconds }
	};
}
