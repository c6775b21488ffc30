/** Stored segmentations (cluster assignments, map layout and profiles), one record per run. */
import type { SegmentationResult } from '../cluster/types';
import { openLabDatabase } from './db';
import { describeStorageError } from './errors';

/** A segmentation without its per-point arrays: what lists need. */
export type SegmentationSummary = Omit<SegmentationResult, 'assignments' | 'coordinates'> & { points: number };

/**
 * Checks a record read from storage and returns it typed, or throws with the
 * field that is wrong. Records from an older or damaged store fail here
 * instead of deep inside the map.
 */
export function restoreSegmentation(value: unknown): SegmentationResult {
	const record = value as Partial<SegmentationResult> | null;
	const fail = (field: string, expected: string): never => {
		const id = record && typeof record.id === 'string' ? record.id : 'unknown';
		throw new Error(`stored segmentation "${id}" has an invalid ${field}: expected ${expected}. Delete it and run the segmentation again.`);
	};
	if (!record || typeof record !== 'object') return fail('record', 'an object');
	if (typeof record.id !== 'string') fail('id', 'a string');
	if (typeof record.datasetId !== 'string') fail('datasetId', 'a string');
	if (record.entity !== 'users' && record.entity !== 'items') fail('entity', "'users' or 'items'");
	if (!(Number.isInteger(record.k) && (record.k ?? 0) >= 1)) fail('k', 'a positive integer');
	if (!(record.assignments instanceof Int32Array)) return fail('assignments', 'an Int32Array');
	if (!(record.coordinates instanceof Float32Array) || record.coordinates.length !== record.assignments.length * 2) {
		fail('coordinates', `a Float32Array of ${record.assignments.length * 2} values`);
	}
	for (const cluster of record.assignments) {
		if (cluster < 0 || cluster >= (record.k ?? 0)) fail('assignments', `clusters from 0 to ${(record.k ?? 1) - 1}, found ${cluster}`);
	}
	if (!Array.isArray(record.profiles) || record.profiles.length !== record.k) fail('profiles', `${record.k} cluster profiles`);
	if (!Array.isArray(record.kScores)) fail('kScores', 'a list');
	return record as SegmentationResult;
}

// TODO: the IndexedDB functions below run only in the browser; Node tests cover restoreSegmentation alone because no IndexedDB fake is installed.
export async function saveSegmentation(result: SegmentationResult): Promise<void> {
	const db = await openLabDatabase();
	try {
		await db.put('segmentations', result);
	} catch (error) {
		throw describeStorageError(error, `saving segmentation "${result.id}"`);
	}
}

export async function getSegmentation(id: string): Promise<SegmentationResult> {
	const db = await openLabDatabase();
	const record = await db.get('segmentations', id);
	if (!record) throw new Error(`Segmentation "${id}" was not found in this browser's storage. Run it again.`);
	return restoreSegmentation(record);
}

/** Segmentations of one dataset without their per-point arrays, newest first. */
export async function listSegmentations(datasetId: string): Promise<SegmentationSummary[]> {
	const db = await openLabDatabase();
	const summaries: SegmentationSummary[] = [];
	let cursor = await db.transaction('segmentations').store.index('byDataset').openCursor(datasetId);
	while (cursor) {
		const { assignments, coordinates: _coordinates, ...summary } = cursor.value;
		summaries.push({ ...summary, points: assignments.length });
		cursor = await cursor.continue();
	}
	return summaries.sort((a, b) => b.createdAt - a.createdAt);
}

export async function deleteSegmentation(id: string): Promise<void> {
	const db = await openLabDatabase();
	await db.delete('segmentations', id);
}

/** Deletes every segmentation of a dataset. */
export async function deleteSegmentationsOf(datasetId: string): Promise<void> {
	const db = await openLabDatabase();
	const tx = db.transaction('segmentations', 'readwrite');
	let cursor = await tx.store.index('byDataset').openKeyCursor(datasetId);
	while (cursor) {
		void tx.store.delete(cursor.primaryKey);
		cursor = await cursor.continue();
	}
	await tx.done;
}
