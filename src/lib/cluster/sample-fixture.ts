/**
 * The shipped sample (data/sample) as a Dataset plus its planted user segments,
 * for tests under Node. Imported by tests only: it reads files with node:fs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildDataset } from '../data/build-dataset';
import { parseItems } from '../data/parse-items';
import { parseRatings } from '../data/parse-ratings';
import { sniffFile } from '../data/sniff';
import type { Dataset } from '../data/types';

const sampleDir = resolve(process.cwd(), 'data/sample');

function sampleBlob(name: string): Blob {
	return new Blob([readFileSync(resolve(sampleDir, name))]);
}

/** Parses ratings.csv and items.csv with the project's ingest code. */
export async function loadSampleDataset(): Promise<Dataset> {
	const ratingsBlob = sampleBlob('ratings.csv');
	const sniffed = await sniffFile(ratingsBlob, 'ratings.csv');
	const ratings = await parseRatings(ratingsBlob, 'ratings.csv', sniffed.options, sniffed.mapping);
	const items = await parseItems(sampleBlob('items.csv'), 'items.csv');
	return buildDataset(ratings, items, { id: 'sample', name: 'Sample', sourceFiles: ['ratings.csv', 'items.csv'], mapping: sniffed.mapping });
}

/** Reads the planted segment name of every user, by the dataset's dense user index. */
export function loadSampleSegments(dataset: Dataset): string[] {
	const lines = readFileSync(resolve(sampleDir, 'segments.csv'), 'utf8').trim().split('\n').slice(1);
	const byId = new Map(lines.map((line) => line.split(',') as [string, string]));
	return dataset.ids.userIds.map((id) => {
		const segment = byId.get(id);
		if (segment === undefined) throw new Error(`user ${id} is missing from segments.csv`);
		return segment;
	});
}
