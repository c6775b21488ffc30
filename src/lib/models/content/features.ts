/**
 * TF-IDF item vectors from item metadata. Features are named by source:
 * `genre:comedy`, `tag:space`, `title:voyage`, `text:captain`. Genres and tags
 * count once per item; title and description words count each occurrence.
 *   weight(i, f) = sourceWeight(f) × count(i, f) × idf(f),  idf(f) = ln((1 + N) / (1 + df(f))) + 1
 * where N is the number of items and df(f) the number of items with feature f
 * (the smoothed idf of scikit-learn's TfidfVectorizer, so a feature every item
 * has still counts). Each item vector is then scaled to unit L2 norm.
 */
import type { ItemMetadata } from '../../data/types';
import { buildCsr, type Csr } from '../baselines/common';

export interface FeatureWeights {
	genreWeight: number;
	tagWeight: number;
	titleWeight: number;
	descriptionWeight: number;
	/** Features found in fewer items are dropped. */
	minFeatureItems: number;
}

/** Common English function words, which carry no information about taste. */
const stopWords = new Set(
	(
		'a about above after again against all am an and any are as at be because been before being below between both but by ' +
		'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
		'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
		'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
		'these they this those through to too under until up very was we were what when where which while who whom why will ' +
		'with would you your yours yourself yourselves'
	).split(' ')
);

/**
 * Splits text into lower-case words, without stop words, one-letter words or
 * numbers (so release years such as the "(1995)" in MovieLens titles are ignored).
 */
export function tokenize(text: string): string[] {
	return text
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((word) => word.length > 1 && !stopWords.has(word) && !/^\p{N}+$/u.test(word));
}

/** Feature counts of one item, by feature name. */
function itemFeatureCounts(items: ItemMetadata, item: number): Map<string, { count: number; source: keyof FeatureWeights }> {
	const counts = new Map<string, { count: number; source: keyof FeatureWeights }>();
	const add = (name: string, source: keyof FeatureWeights, once: boolean) => {
		const entry = counts.get(name);
		if (!entry) counts.set(name, { count: 1, source });
		else if (!once) entry.count++;
	};
	for (const genre of items.genres[item] ?? []) if (genre.trim()) add(`genre:${genre.trim().toLowerCase()}`, 'genreWeight', true);
	for (const tag of items.tags?.[item] ?? []) if (tag.trim()) add(`tag:${tag.trim().toLowerCase()}`, 'tagWeight', true);
	for (const word of tokenize(items.titles[item] ?? '')) add(`title:${word}`, 'titleWeight', false);
	for (const word of tokenize(items.descriptions?.[item] ?? '')) add(`text:${word}`, 'descriptionWeight', false);
	return counts;
}

/** Builds the vocabulary (sorted) and the unit-length TF-IDF vector of every item as a CSR index (items × features). */
export function buildItemVectors(items: ItemMetadata, numItems: number, weights: FeatureWeights): { vocabulary: string[]; vectors: Csr } {
	const perItem = Array.from({ length: numItems }, (_, item) => itemFeatureCounts(items, item));
	const documentFrequency = new Map<string, number>();
	for (const counts of perItem) for (const name of counts.keys()) documentFrequency.set(name, (documentFrequency.get(name) ?? 0) + 1);

	const vocabulary = [...documentFrequency.keys()].filter((name) => (documentFrequency.get(name) ?? 0) >= weights.minFeatureItems).sort();
	const featureIndex = new Map(vocabulary.map((name, index) => [name, index]));

	const rows: number[] = [];
	const columns: number[] = [];
	const values: number[] = [];
	perItem.forEach((counts, item) => {
		const start = values.length;
		for (const [name, { count, source }] of counts) {
			const feature = featureIndex.get(name);
			if (feature === undefined) continue;
			const idf = Math.log((1 + numItems) / (1 + (documentFrequency.get(name) ?? 0))) + 1;
			rows.push(item);
			columns.push(feature);
			values.push(weights[source] * count * idf);
		}
		let squares = 0;
		for (let entry = start; entry < values.length; entry++) squares += values[entry] ** 2;
		const norm = Math.sqrt(squares);
		for (let entry = start; entry < values.length; entry++) values[entry] = norm > 0 ? values[entry] / norm : 0;
	});
	const vectors = buildCsr(Int32Array.from(rows), Int32Array.from(columns), Float32Array.from(values), numItems, vocabulary.length);
	return { vocabulary, vectors };
}
