/** The page's handle on segmentation, which runs in the training worker. */
import * as Comlink from 'comlink';
import type { SegmentationRequest, SegmentationResult } from '../cluster/types';
import type { SegmentRecommendationRow } from '../services/cluster-service';
import { trainWorker } from './train';
import { runCancellable, type WorkerOwner } from './worker-owner';

export { deleteSegmentation, getSegmentation, listSegmentations, type SegmentationSummary } from '../storage/segmentations';

/** Milliseconds a cancelled segmentation gets to stop before the worker is terminated (UMAP's neighbour search cannot be interrupted). */
const CANCEL_GRACE_MS = 3000;

/** Runs a segmentation in the worker; it is stored there before this resolves. Aborting `signal` cancels it. */
export function segment(
	request: SegmentationRequest,
	onProgress: (progress: { phase: string; done: number; total: number }) => void,
	signal?: AbortSignal
): Promise<SegmentationResult> {
	const task = trainWorker.api.segment(request, Comlink.proxy(onProgress));
	return runCancellable(trainWorker as WorkerOwner<object>, task, signal, () => trainWorker.api.cancelSegmentation(), CANCEL_GRACE_MS);
}

/** Items segment `cluster` likes that most of its members have not seen, best first. */
export function segmentRecommendations(segmentationId: string, cluster: number, k: number): Promise<SegmentRecommendationRow[]> {
	return trainWorker.api.segmentRecommendations(segmentationId, cluster, k);
}
