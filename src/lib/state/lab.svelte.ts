/**
 * App-wide state of the page: stored datasets and models, the compute backend
 * and storage use. Reads IndexedDB directly for listings (cheap); anything heavy
 * goes through the workers in src/lib/bridge.
 */
import type { DatasetSummary } from '$lib/data/types';
import { listDatasets } from '$lib/storage/datasets';
import { listModels, type ModelSummary } from '$lib/storage/models';
import { estimateStorage } from '$lib/storage/errors';
import type { BackendSelection as BackendInfo, BackendPreference } from '$lib/tf/backend';

export type DatasetListItem = DatasetSummary & { bytes: number; fingerprint: string };

const BACKEND_KEY = 'recommender-lab:backend';
const BACKEND_CHOICES: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

function storedBackendPreference(): BackendPreference {
	const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(BACKEND_KEY);
	return BACKEND_CHOICES.find((choice) => choice === value) ?? 'auto';
}

class LabState {
	datasets = $state.raw<DatasetListItem[]>([]);
	models = $state.raw<ModelSummary[]>([]);
	backend = $state.raw<BackendInfo | null>(null);
	backendPreference = $state<BackendPreference>(storedBackendPreference());
	storage = $state.raw<{ usage: number; quota: number; persisted: boolean } | null>(null);
	loaded = $state(false);
	/** True while training or an import runs; the app is not updated or reloaded meanwhile. */
	busy = $state(false);
	/** Set when IndexedDB cannot be opened (private mode in some browsers, or blocked storage). */
	storageProblem = $state<string | null>(null);

	async refresh(): Promise<void> {
		try {
			const [datasets, models, storage] = await Promise.all([listDatasets(), listModels(), estimateStorage()]);
			this.datasets = datasets;
			this.models = models;
			this.storage = storage;
			this.storageProblem = null;
		} catch (error) {
			this.storageProblem = `This browser's storage could not be opened (${error instanceof Error ? error.message : String(error)}). Datasets cannot be kept; check that site data is allowed.`;
		}
		this.loaded = true;
	}

	setBackendPreference(preference: BackendPreference): void {
		this.backendPreference = preference;
		localStorage.setItem(BACKEND_KEY, preference);
	}
}

export const lab = new LabState();
