/**
 * Datasets in IndexedDB: a header record, the id maps and item metadata, and
 * the interaction columns in fixed-size chunks. A dataset becomes visible only
 * when the last transaction marks it complete, so an import interrupted by a
 * crash, a closed tab or a full disk leaves nothing that readers can see.
 */
import type { Dataset, DatasetSummary, IdMaps, Interactions, ItemMetadata } from '../data/types';
import { newId, openLabDatabase } from './db';
import { fingerprintIds } from './fingerprint';
import type { ColumnName, DatasetRecord } from './schema';
import { describeStorageError } from './errors';
import { deleteSegmentationsOf } from './segmentations';

/** Rows per stored chunk: 1M rows keep each put under ~8 MB. */
export const CHUNK_ROWS = 1 << 20;

/**
 * Chunk transactions allowed in flight at once, so the worker slices the next
 * chunk while the browser writes the previous one. Memory contains at most this many chunks.
 */
const TRANSACTIONS_IN_FLIGHT = 2;

/**
 * Records still 'writing' after this long belong to an import that died. Used
 * only where the Web Locks API is missing; with it, a record whose writer's
 * lock is no longer held is abandoned at once.
 */
const ABANDONED_AFTER_MS = 60_000;

const WRITE_LOCK_PREFIX = 'recommender-lab:writing:';

/** Runs `task` holding a Web Lock named after the dataset, so other tabs can tell a live import from a dead one. */
async function withWriteLock<T>(datasetId: string, task: () => Promise<T>): Promise<T> {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	if (!locks) return task();
	return locks.request(WRITE_LOCK_PREFIX + datasetId, task);
}

async function heldWriteLocks(): Promise<Set<string> | null> {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	if (!locks) return null;
	const snapshot = await locks.query();
	const names = [...(snapshot.held ?? []), ...(snapshot.pending ?? [])].map((lock) => lock.name ?? '');
	return new Set(names.filter((name) => name.startsWith(WRITE_LOCK_PREFIX)).map((name) => name.slice(WRITE_LOCK_PREFIX.length)));
}

export function summarize(dataset: Dataset): DatasetSummary {
	const { interactions, ids: _ids, items, ...rest } = dataset;
	return {
		...rest,
		numUsers: interactions.numUsers,
		numItems: interactions.numItems,
		numInteractions: interactions.users.length,
		hasItemMetadata: items !== null,
		hasTimes: interactions.times !== null
	};
}

function columnsOf(interactions: Interactions): [ColumnName, Int32Array | Float32Array | Float64Array][] {
	const columns: [ColumnName, Int32Array | Float32Array | Float64Array][] = [
		['users', interactions.users],
		['items', interactions.items],
		['values', interactions.values]
	];
	if (interactions.times) columns.push(['times', interactions.times]);
	return columns;
}

/**
 * Stores a dataset. Chunks are written in their own transactions (so a 25M-row
 * dataset never needs one giant transaction), and a final transaction flips the
 * header to 'complete'. On failure everything written so far is removed.
 */
export async function saveDataset(dataset: Dataset, onProgress?: (done: number, total: number) => void): Promise<DatasetSummary> {
	return withWriteLock(dataset.id, () => writeDataset(dataset, onProgress));
}

async function writeDataset(dataset: Dataset, onProgress?: (done: number, total: number) => void): Promise<DatasetSummary> {
	const db = await openLabDatabase();
	const summary = summarize(dataset);
	const rows = summary.numInteractions;
	const chunkCount = Math.max(1, Math.ceil(rows / CHUNK_ROWS));
	const columns = columnsOf(dataset.interactions);
	const record: DatasetRecord = {
		summary,
		status: 'writing',
		chunkRows: CHUNK_ROWS,
		chunkCount,
		fingerprint: fingerprintIds(dataset.ids, rows),
		bytes: columns.reduce((sum, [, array]) => sum + array.byteLength, 0),
		updatedAt: Date.now()
	};

	try {
		await db.put('datasets', record);
		await db.put('datasetExtras', { datasetId: dataset.id, ids: dataset.ids, items: dataset.items });
		const total = chunkCount * columns.length;
		let done = 0;
		onProgress?.(done, total);
		const inFlight: Promise<void>[] = [];
		for (let index = 0; index < chunkCount; index++) {
			const start = index * CHUNK_ROWS;
			const end = Math.min(rows, start + CHUNK_ROWS);
			// Chunks need no flush to disk of their own: the dataset counts only once the
			// final transaction below, with the default durability, marks it complete.
			// NOTE: after a power loss a 'complete' dataset could miss a relaxed chunk if the browser
			// flushed the marker but not the chunk. loadDataset then fails with an error instead of returning partial columns.
			const tx = db.transaction(['chunks', 'datasets'], 'readwrite', { durability: 'relaxed' });
			for (const [column, array] of columns) {
				// slice() copies, so the stored buffer holds exactly this chunk's rows.
				const buffer = array.slice(start, end).buffer as ArrayBuffer;
				void tx.objectStore('chunks').put({ datasetId: dataset.id, column, index, buffer });
			}
			void tx.objectStore('datasets').put({ ...record, updatedAt: Date.now() });
			const written = tx.done.then(() => {
				done += columns.length;
				onProgress?.(done, total);
			});
			// Marked as handled here, so a failure is not reported twice; the await below or Promise.all still rejects with it.
			written.catch(() => undefined);
			inFlight.push(written);
			if (inFlight.length >= TRANSACTIONS_IN_FLIGHT) await inFlight.shift();
		}
		await Promise.all(inFlight);
		await db.put('datasets', { ...record, status: 'complete', updatedAt: Date.now() });
	} catch (error) {
		await removeDatasetData(dataset.id).catch(() => undefined);
		throw describeStorageError(error, `saving dataset "${dataset.name}"`);
	}
	return summary;
}

/** Complete datasets, newest first. */
export async function listDatasets(): Promise<(DatasetSummary & { bytes: number; fingerprint: string })[]> {
	const db = await openLabDatabase();
	const records = await db.getAll('datasets');
	return records
		.filter((record) => record.status === 'complete')
		.map((record) => ({ ...record.summary, bytes: record.bytes, fingerprint: record.fingerprint }))
		.sort((a, b) => b.createdAt - a.createdAt);
}

export async function getDatasetRecord(id: string): Promise<DatasetRecord | undefined> {
	const db = await openLabDatabase();
	const record = await db.get('datasets', id);
	return record?.status === 'complete' ? record : undefined;
}

type ColumnArray = Int32Array | Float32Array | Float64Array;

function concatColumn<T extends ColumnArray>(
	create: { new (length: number): T; new (buffer: ArrayBuffer): T },
	buffers: ArrayBuffer[],
	rows: number
): T {
	const out = new create(rows);
	let offset = 0;
	for (const buffer of buffers) {
		const part = new create(buffer);
		out.set(part, offset);
		offset += part.length;
	}
	if (offset !== rows) throw new Error(`Stored dataset is damaged: expected ${rows} rows but found ${offset}. Delete it and import it again.`);
	return out;
}

/** Loads a complete dataset with its columns, id maps and metadata. */
export async function loadDataset(id: string): Promise<Dataset> {
	const db = await openLabDatabase();
	const record = await db.get('datasets', id);
	if (!record || record.status !== 'complete') {
		throw new Error(`Dataset "${id}" was not found in this browser's storage. Import it again.`);
	}
	const extras = await db.get('datasetExtras', id);
	if (!extras) throw new Error(`Dataset "${record.summary.name}" is missing its id maps. Delete it and import it again.`);

	const chunks = await db.getAll('chunks', IDBKeyRange.bound([id, '', 0], [id, '\uffff', Infinity]));
	const byColumn = new Map<ColumnName, ArrayBuffer[]>();
	for (const chunk of chunks.sort((a, b) => a.index - b.index)) {
		const list = byColumn.get(chunk.column) ?? [];
		list.push(chunk.buffer);
		byColumn.set(chunk.column, list);
	}
	const rows = record.summary.numInteractions;
	const interactions: Interactions = {
		users: concatColumn(Int32Array, byColumn.get('users') ?? [], rows),
		items: concatColumn(Int32Array, byColumn.get('items') ?? [], rows),
		values: concatColumn(Float32Array, byColumn.get('values') ?? [], rows),
		times: record.summary.hasTimes ? concatColumn(Float64Array, byColumn.get('times') ?? [], rows) : null,
		numUsers: record.summary.numUsers,
		numItems: record.summary.numItems
	};
	const { numUsers: _u, numItems: _i, numInteractions: _n, hasItemMetadata: _m, hasTimes: _t, ...base } = record.summary;
	return { ...base, interactions, ids: extras.ids, items: extras.items };
}

async function removeDatasetData(id: string): Promise<void> {
	const db = await openLabDatabase();
	const tx = db.transaction(['datasets', 'chunks', 'datasetExtras'], 'readwrite');
	void tx.objectStore('chunks').delete(IDBKeyRange.bound([id, '', 0], [id, '\uffff', Infinity]));
	void tx.objectStore('datasetExtras').delete(id);
	void tx.objectStore('datasets').delete(id);
	await tx.done;
}

/** Deletes a dataset, its chunks and its segmentations. Models trained on it are kept (they carry their own id maps). */
export async function deleteDataset(id: string): Promise<void> {
	await removeDatasetData(id);
	await deleteSegmentationsOf(id);
}

export async function renameDataset(id: string, name: string): Promise<void> {
	const db = await openLabDatabase();
	const tx = db.transaction('datasets', 'readwrite');
	const record = await tx.store.get(id);
	if (record) await tx.store.put({ ...record, summary: { ...record.summary, name } });
	await tx.done;
}

/** Removes datasets whose import stopped before completing (closed tab, crash). Returns how many. */
export async function sweepAbandonedDatasets(now = Date.now()): Promise<number> {
	const db = await openLabDatabase();
	const records = await db.getAll('datasets');
	const live = await heldWriteLocks();
	const abandoned = records.filter(
		(record) => record.status === 'writing' && (live ? !live.has(record.summary.id) : now - record.updatedAt > ABANDONED_AFTER_MS)
	);
	for (const record of abandoned) await removeDatasetData(record.summary.id);
	return abandoned.length;
}

export function newDatasetId(): string {
	return newId('ds');
}

/**
 * Reads the id maps and item metadata of a complete dataset without its
 * interaction chunks. Cluster map labels need only these, at a fraction of loadDataset's cost.
 */
export async function getDatasetExtras(id: string): Promise<{ ids: IdMaps; items: ItemMetadata | null }> {
	const db = await openLabDatabase();
	const record = await db.get('datasets', id);
	if (!record || record.status !== 'complete') throw new Error(`Dataset "${id}" was not found in this browser's storage. Import it again.`);
	const extras = await db.get('datasetExtras', id);
	if (!extras) throw new Error(`Dataset "${record.summary.name}" is missing its id maps. Delete it and import it again.`);
	return { ids: extras.ids, items: extras.items };
}
