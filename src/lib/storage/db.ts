import { openDB, type IDBPDatabase } from 'idb';
import { DATABASE_NAME, DATABASE_VERSION, type LabSchema } from './schema';

export type LabDatabase = IDBPDatabase<LabSchema>;

let opening: Promise<LabDatabase> | null = null;

/** Opens (and creates or migrates) the app's database; one connection per JavaScript realm. */
export function openLabDatabase(): Promise<LabDatabase> {
	opening ??= openDB<LabSchema>(DATABASE_NAME, DATABASE_VERSION, {
		upgrade(db, oldVersion) {
			if (oldVersion < 1) {
				db.createObjectStore('datasets', { keyPath: 'summary.id' });
				const chunks = db.createObjectStore('chunks', { keyPath: ['datasetId', 'column', 'index'] });
				chunks.createIndex('byDataset', 'datasetId');
				db.createObjectStore('datasetExtras', { keyPath: 'datasetId' });
				const models = db.createObjectStore('models', { keyPath: 'id' });
				models.createIndex('byDataset', 'datasetId');
			}
			if (oldVersion < 2) {
				const segmentations = db.createObjectStore('segmentations', { keyPath: 'id' });
				segmentations.createIndex('byDataset', 'datasetId');
			}
		},
		blocking() {
			// Another tab wants a newer schema: close so its upgrade can run.
			void opening?.then((db) => db.close());
			opening = null;
		}
	});
	return opening;
}

/** A random id for datasets and models, sortable by creation time. */
export function newId(prefix: string): string {
	const random = crypto.getRandomValues(new Uint32Array(2));
	return `${prefix}-${Date.now().toString(36)}-${random[0].toString(36)}${random[1].toString(36)}`;
}
