import { newId, openLabDatabase } from './db';
import { describeStorageError } from './errors';
import type { ModelRecord } from './schema';

export type ModelSummary = Omit<ModelRecord, 'arrays' | 'userIds' | 'itemIds' | 'strings'>;

/** Stores a trained or loaded model in one transaction, so it is either whole or absent. */
export async function saveModel(record: ModelRecord): Promise<void> {
	const db = await openLabDatabase();
	try {
		await db.put('models', record);
	} catch (error) {
		throw describeStorageError(error, `saving model "${record.name}"`);
	}
}

export async function loadModelRecord(id: string): Promise<ModelRecord> {
	const db = await openLabDatabase();
	const record = await db.get('models', id);
	if (!record) throw new Error(`Model "${id}" was not found in this browser's storage. Train it again or load its file.`);
	return record;
}

/** Finished models without their arrays and id maps, newest first. */
export async function listModels(): Promise<ModelSummary[]> {
	return (await listModelSummaries()).filter((summary) => !summary.partial);
}

/** Training runs that stopped before finishing (closed tab, crash), newest first. */
export async function listPartialTrainings(): Promise<ModelSummary[]> {
	return (await listModelSummaries()).filter((summary) => summary.partial);
}

async function listModelSummaries(): Promise<ModelSummary[]> {
	const db = await openLabDatabase();
	const summaries: ModelSummary[] = [];
	let cursor = await db.transaction('models').store.openCursor();
	while (cursor) {
		const { arrays: _arrays, userIds: _users, itemIds: _items, strings: _strings, ...summary } = cursor.value;
		summaries.push(summary);
		cursor = await cursor.continue();
	}
	return summaries.sort((a, b) => b.createdAt - a.createdAt);
}

export async function deleteModel(id: string): Promise<void> {
	const db = await openLabDatabase();
	await db.delete('models', id);
}

export function newModelId(): string {
	return newId('model');
}

/** Returns the external user ids of a model's training data, for the user picker. */
export async function getModelUserIds(id: string): Promise<string[]> {
	return (await loadModelRecord(id)).userIds;
}
