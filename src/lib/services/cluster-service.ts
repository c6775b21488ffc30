/**
 * Segmentation in the training worker: loads the dataset and model from
 * storage, runs the clustering, stores the result, and lists a segment's
 * recommendations. The page reaches it only through src/lib/bridge/cluster.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import { segmentRecommendations } from '../cluster/profiles';
import { runSegmentation } from '../cluster/segment';
import type { SegmentationRequest, SegmentationResult } from '../cluster/types';
import { loadDataset } from '../storage/datasets';
import { loadModelRecord } from '../storage/models';
import { getSegmentation, saveSegmentation } from '../storage/segmentations';
import { selectBackend } from '../tf/backend';

export interface SegmentRecommendationRow {
	item: number;
	itemId: string;
	title: string;
	genres: string[];
	/** Shrunk mean rating (explicit data) or shrunk interaction rate (implicit data) inside the segment. */
	score: number;
	/** Share of the segment's members who have interacted with the item, 0..1. */
	seenShare: number;
}

export interface ClusterApi {
	/** Runs a segmentation, stores it, and returns it; rejects with an AbortError after cancelSegmentation. */
	segment(request: SegmentationRequest, onProgress: (p: { phase: string; done: number; total: number }) => void): Promise<SegmentationResult>;
	/** Items that segment `cluster` of a stored user segmentation likes and most of its members have not seen. */
	segmentRecommendations(segmentationId: string, cluster: number, k: number): Promise<SegmentRecommendationRow[]>;
	/** Stops the running segmentation at its next checkpoint. */
	cancelSegmentation(): void;
}

export function createClusterApi(): ClusterApi {
	let controller: AbortController | null = null;
	let cachedDataset: Dataset | null = null;

	async function datasetById(id: string): Promise<Dataset> {
		if (cachedDataset?.id !== id) {
			cachedDataset = null;
			cachedDataset = await loadDataset(id);
		}
		return cachedDataset;
	}

	/** Chooses a backend the automatic way unless one is active, so a backend the user forced for training stays. */
	async function ensureBackend(): Promise<void> {
		if (tf.engine().backendName === null) await selectBackend('auto');
	}

	return {
		async segment(request, onProgress) {
			controller?.abort();
			const current = new AbortController();
			controller = current;
			try {
				await ensureBackend();
				const dataset = await datasetById(request.datasetId);
				current.signal.throwIfAborted();
				const result = await runSegmentation(dataset, request, {
					signal: current.signal,
					onProgress,
					loadModel: loadModelRecord
				});
				current.signal.throwIfAborted();
				await saveSegmentation(result);
				return result;
			} finally {
				if (controller === current) controller = null;
			}
		},

		async segmentRecommendations(segmentationId, cluster, k) {
			const segmentation = await getSegmentation(segmentationId);
			if (segmentation.entity !== 'users') {
				throw new Error(`segmentation "${segmentationId}" groups items: segment recommendations need a user segmentation`);
			}
			if (!(Number.isInteger(cluster) && cluster >= 0 && cluster < segmentation.k)) {
				throw new Error(`invalid cluster ${cluster}: expected an integer from 0 to ${segmentation.k - 1}`);
			}
			const dataset = await datasetById(segmentation.datasetId);
			const rows = segmentRecommendations(dataset, segmentation.assignments, cluster, k);
			return rows.map(({ item, score, seenShare }) => ({
				item,
				itemId: dataset.ids.itemIds[item],
				title: dataset.items?.titles[item] ?? '',
				genres: dataset.items?.genres[item] ?? [],
				score,
				seenShare
			}));
		},

		cancelSegmentation() {
			controller?.abort();
		}
	};
}
