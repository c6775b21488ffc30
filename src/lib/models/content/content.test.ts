import { describe, expect, it } from 'vitest';
import type { Interactions, ItemMetadata } from '../../data/types';
import { contractItems, contractTrain } from '../contract-fixtures';
import { buildItemVectors, tokenize } from './features';
import { contentSpec } from './index';

const equalWeights = { genreWeight: 1, tagWeight: 1, titleWeight: 1, descriptionWeight: 1, minFeatureItems: 1 };

describe('content features', () => {
	it('tokenizes titles without stop words or years', () => {
		expect(tokenize('The Lord of the Rings: The Two Towers (2002)')).toEqual(['lord', 'rings', 'two', 'towers']);
		expect(tokenize('Amélie (2001) — a film')).toEqual(['amélie', 'film']);
	});

	// Two items, N = 2, smoothed idf = ln(3 / (1 + df)) + 1:
	//   item 0: genre Comedy, title "Big Dog (1990)"  → genre:comedy, title:big, title:dog
	//   item 1: genres Comedy, Drama, title "The Dog" → genre:comedy, genre:drama, title:dog
	// genre:comedy and title:dog (df 2) get idf 1; title:big and genre:drama (df 1) get ln 1.5 + 1 ≈ 1.405465.
	// Each item's raw vector is (1, 1.405465, 1), norm √(2 + 1.405465²) ≈ 1.993824,
	// so the shared features weigh ≈ 0.501549 and the unique one ≈ 0.704909.
	it('computes TF-IDF weights on two items', () => {
		const items: ItemMetadata = { titles: ['Big Dog (1990)', 'The Dog'], genres: [['Comedy'], ['Comedy', 'Drama']], unmatchedIds: 0 };
		const { vocabulary, vectors } = buildItemVectors(items, 2, equalWeights);
		expect(vocabulary).toEqual(['genre:comedy', 'genre:drama', 'title:big', 'title:dog']);
		const rare = Math.log(1.5) + 1;
		const norm = Math.sqrt(2 + rare * rare);
		expect(Array.from(vectors.indices)).toEqual([0, 2, 3, 0, 1, 3]);
		const expected = [1 / norm, rare / norm, 1 / norm, 1 / norm, rare / norm, 1 / norm];
		Array.from(vectors.values).forEach((value, entry) => expect(value).toBeCloseTo(expected[entry], 6));
	});

	it('drops features of too few items', () => {
		const items: ItemMetadata = { titles: ['Big Dog', 'The Dog'], genres: [['Comedy'], ['Comedy', 'Drama']], unmatchedIds: 0 };
		const { vocabulary } = buildItemVectors(items, 2, { ...equalWeights, minFeatureItems: 2 });
		expect(vocabulary).toEqual(['genre:comedy', 'title:dog']);
	});
});

describe('content model', () => {
	const data = { interactions: contractTrain, kind: 'explicit' as const, items: contractItems };

	it('scores an item nobody rated', async () => {
		// Item 10 is a new space film without ratings; item 11 a new romance.
		const items: ItemMetadata = {
			titles: [...contractItems.titles, 'Star Voyage IV (2001)', 'Love Letters (2002)'],
			genres: [...contractItems.genres, ['Adventure', 'Sci-Fi'], ['Romance']],
			tags: [...(contractItems.tags ?? []), ['space'], ['letters']],
			descriptions: [...(contractItems.descriptions ?? []), 'The captain returns to deep space.', 'Letters of love.'],
			unmatchedIds: 0
		};
		const interactions: Interactions = { ...contractTrain, numItems: 12 };
		const model = await contentSpec.fit({ interactions, kind: 'explicit', items }, {}, { seed: 1 });
		const [spaceFilm, romance] = await model.score(0, Int32Array.of(10, 11));
		expect(spaceFilm).toBeGreaterThan(0.3);
		expect(romance).toBeLessThan(0);
		const top = await model.recommend(0, 1, [0, 1, 2, 3, 5]);
		expect([4, 10]).toContain(top[0].item);
	});

	it('explains a score with features that sum to it', async () => {
		const model = await contentSpec.fit(data, {}, { seed: 1 });
		for (const item of [4, 7]) {
			const explanation = await model.explain(0, item);
			if (explanation.kind !== 'content') throw new Error(`unexpected explanation ${explanation.kind}`);
			const total = explanation.features.reduce((sum, feature) => sum + feature.weight, 0);
			expect(total).toBeCloseTo((await model.score(0, Int32Array.of(item)))[0], 5);
		}
		const explanation = await model.explain(0, 4);
		if (explanation.kind !== 'content') throw new Error('expected a content explanation');
		expect(explanation.features[0].weight).toBeGreaterThan(0);
		expect(explanation.features.map((feature) => feature.feature)).toContain('tag:space');
	});

	it('weights implicit interactions by 1', async () => {
		const implicit = { ...data, kind: 'implicit' as const };
		const model = await contentSpec.fit(implicit, {}, { seed: 1 });
		// Implicit: user 0's romance (item 5) now adds to the profile, so romances score above 0.
		expect((await model.score(0, Int32Array.of(8)))[0]).toBeGreaterThan(0);
	});

	it('rejects data without metadata', async () => {
		await expect(contentSpec.fit({ interactions: contractTrain, kind: 'explicit' }, {}, { seed: 1 })).rejects.toThrow(
			/needs item metadata/
		);
	});

	it('saves the vocabulary with the arrays', async () => {
		const model = await contentSpec.fit(data, {}, { seed: 1 });
		const saved = await model.save();
		expect(saved.strings?.vocabulary).toContain('genre:sci-fi');
		await expect(contentSpec.load({ ...saved, strings: undefined })).rejects.toThrow(/missing its string list 'vocabulary'/);
	});
});
