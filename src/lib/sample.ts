/**
 * The synthetic sample dataset that ships with the app (see data/README.md).
 * Vite bundles the files as assets, so the service worker precaches them and
 * the sample works offline.
 */
import ratingsUrl from '../../data/sample/ratings.csv?url';
import itemsUrl from '../../data/sample/items.csv?url';
import type { DatasetSummary, Progress } from './data/types';
import { importDataset, sniffSource } from './bridge/ingest';

export const SAMPLE_NAME = 'Sample: synthetic movies';

async function fetchBlob(url: string): Promise<Blob> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`The sample file ${url} could not be loaded (HTTP ${response.status}). Reload the page and try again.`);
	return response.blob();
}

export async function importSample(onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<DatasetSummary> {
	const [ratings, items] = await Promise.all([fetchBlob(ratingsUrl), fetchBlob(itemsUrl)]);
	const sniffed = await sniffSource(ratings, 'ratings.csv');
	if (sniffed.kind !== 'file') throw new Error('The bundled sample is damaged: reload the page to fetch it again.');
	const sniff = sniffed.sniff;
	return importDataset(
		{
			name: SAMPLE_NAME,
			ratings: { blob: ratings, fileName: 'ratings.csv', options: sniff.options, mapping: sniff.mapping },
			items: { blob: items, fileName: 'items.csv' }
		},
		onProgress,
		signal
	);
}
