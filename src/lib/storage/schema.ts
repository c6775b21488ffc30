/**
 * The IndexedDB schema. Bump {@link DATABASE_VERSION} and add a step to
 * `upgrade` in db.ts for every change, so stored data from older versions is
 * migrated rather than lost.
 */
import type { DBSchema } from 'idb';
import type { DatasetSummary, IdMaps, ItemMetadata } from '../data/types';
import type { ModelConfig, NamedArray } from '../models/contract';
import type { SegmentationResult } from '../cluster/types';

export const DATABASE_NAME = 'recommender-lab';
export const DATABASE_VERSION = 2;

/** Names of the columnar arrays a dataset is split into. */
export type ColumnName = 'users' | 'items' | 'values' | 'times';

/**
 * A dataset's header row. `status` stays 'writing' until the last chunk is
 * stored; readers ignore such records and startup removes abandoned ones.
 */
export interface DatasetRecord {
	summary: DatasetSummary;
	status: 'writing' | 'complete';
	/** Rows per chunk, the same for every column. */
	chunkRows: number;
	chunkCount: number;
	/** Hash of the id maps and interaction count, to match models with datasets. */
	fingerprint: string;
	/** Bytes of the stored arrays, for the storage view. */
	bytes: number;
	updatedAt: number;
}

export interface ChunkRecord {
	datasetId: string;
	column: ColumnName;
	index: number;
	buffer: ArrayBuffer;
}

export interface DatasetExtrasRecord {
	datasetId: string;
	ids: IdMaps;
	items: ItemMetadata | null;
}

/** A trained model with its learned arrays and the numbers measured on it. */
export interface ModelRecord {
	id: string;
	name: string;
	modelType: string;
	config: ModelConfig;
	/** The dataset it was trained on, or null for a model loaded from a file with no matching dataset. */
	datasetId: string | null;
	datasetFingerprint: string;
	datasetName: string;
	numUsers: number;
	numItems: number;
	arrays: NamedArray[];
	/** String lists some models save besides their arrays (a content model's vocabulary). */
	strings?: Record<string, string[]>;
	/** External ids, so a loaded model can be matched to a dataset and show its ids. */
	userIds: string[];
	itemIds: string[];
	metrics: Record<string, number>;
	backend: string;
	fitSeconds: number;
	/** Loss per epoch, for the training curve. */
	lossHistory: number[];
	createdAt: number;
	source: 'trained' | 'file';
	/**
	 * Set while training runs: the record then holds the latest epoch's checkpoint, so a run
	 * interrupted by a closed tab or a crash can be resumed or discarded. Absent on finished models.
	 */
	partial?: {
		epoch: number;
		totalEpochs: number;
		request: { datasetId: string; modelType: string; config: ModelConfig; seed: number; testFraction: number; name?: string };
	};
}

export interface LabSchema extends DBSchema {
	datasets: { key: string; value: DatasetRecord };
	chunks: { key: [string, ColumnName, number]; value: ChunkRecord; indexes: { byDataset: string } };
	datasetExtras: { key: string; value: DatasetExtrasRecord };
	models: { key: string; value: ModelRecord; indexes: { byDataset: string } };
	/** Added in version 2. */
	segmentations: { key: string; value: SegmentationResult; indexes: { byDataset: string } };
}
