/**
 * Checkpoints of a running training: after each epoch the model's state is
 * stored as a partial model record (at most every few seconds), so a run
 * interrupted by a closed tab or a crashed worker can be resumed or discarded
 * from the Train page. Finishing, cancelling or failing removes the record.
 */
import type { Dataset } from '../data/types';
import type { TrainingCheckpoint } from '../models/contract';
import { getDatasetRecord } from '../storage/datasets';
import { deleteModel, loadModelRecord, newModelId, saveModel } from '../storage/models';
import type { ModelRecord } from '../storage/schema';
import type { TrainRequest } from './train-service';

/** Checkpoints closer together than this are skipped, so storage writes stay a small part of training. */
const MIN_SECONDS_BETWEEN_CHECKPOINTS = 3;

export interface CheckpointSession {
	resumeFrom?: TrainingCheckpoint;
	save: (checkpoint: TrainingCheckpoint) => Promise<void>;
	discard: () => Promise<void>;
}

export async function startCheckpoints(request: TrainRequest, dataset: Dataset, label: string): Promise<CheckpointSession> {
	let resumeFrom: TrainingCheckpoint | undefined;
	if (request.resumeModelId) {
		const stored = await loadModelRecord(request.resumeModelId);
		if (!stored.partial) throw new Error(`"${stored.name}" is a finished model, not an interrupted training run.`);
		resumeFrom = { epoch: stored.partial.epoch, arrays: stored.arrays };
	}
	const id = request.resumeModelId ?? newModelId();
	const fingerprint = (await getDatasetRecord(dataset.id))?.fingerprint ?? '';
	const totalEpochs = typeof request.config.epochs === 'number' ? request.config.epochs : 0;
	let lastSaved = Number.NEGATIVE_INFINITY;

	return {
		resumeFrom,
		async save(checkpoint) {
			const now = performance.now();
			if (now - lastSaved < MIN_SECONDS_BETWEEN_CHECKPOINTS * 1000) return;
			lastSaved = now;
			const record: ModelRecord = {
				id,
				name: request.name ?? `${label} on ${dataset.name}`,
				modelType: request.modelType,
				config: request.config,
				datasetId: dataset.id,
				datasetFingerprint: fingerprint,
				datasetName: dataset.name,
				numUsers: dataset.interactions.numUsers,
				numItems: dataset.interactions.numItems,
				arrays: checkpoint.arrays,
				userIds: [],
				itemIds: [],
				metrics: {},
				backend: '',
				fitSeconds: 0,
				lossHistory: [],
				createdAt: Date.now(),
				source: 'trained',
				partial: {
					epoch: checkpoint.epoch,
					totalEpochs,
					request: {
						datasetId: request.datasetId,
						modelType: request.modelType,
						config: request.config,
						seed: request.seed,
						testFraction: request.testFraction,
						...(request.name ? { name: request.name } : {})
					}
				}
			};
			await saveModel(record);
		},
		async discard() {
			await deleteModel(id).catch(() => undefined);
		}
	};
}
