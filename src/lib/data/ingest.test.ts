import { describe, expect, it } from 'vitest';
import type { Progress } from './types';
import { ingestFiles } from './ingest';
import { fixtureBlob } from './test-support';

describe('ingestFiles', () => {
	it('parses, joins and reports each phase', async () => {
		const phases: string[] = [];
		const dataset = await ingestFiles(
			{
				ratings: {
					blob: fixtureBlob('ratings-crlf.csv'),
					fileName: 'ratings.csv',
					options: { delimiter: ',', hasHeader: true, encoding: 'utf-8' },
					mapping: { user: 0, item: 1, rating: 2, timestamp: 3 }
				},
				items: { blob: fixtureBlob('movies-quoted.csv'), fileName: 'movies.csv' },
				id: 'small',
				name: 'Small'
			},
			{
				onProgress: (progress: Progress) => {
					if (phases[phases.length - 1] !== progress.phase) phases.push(progress.phase);
				}
			}
		);

		expect(phases).toEqual(['parsing', 'items', 'building']);
		expect(dataset.sourceFiles).toEqual(['ratings.csv', 'movies.csv']);
		expect(dataset.kind).toBe('explicit');
		expect(dataset.scale).toEqual({ min: 0.5, max: 4.5, step: 0.5 });
		expect(dataset.ids.itemIds).toEqual(['1', '3', '007']);
		expect(dataset.items?.unmatchedIds).toBe(3);
		expect(dataset.items?.titles).toEqual(['', '', '']);
	});
});
