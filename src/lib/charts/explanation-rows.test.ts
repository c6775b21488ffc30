import { describe, expect, it } from 'vitest';
import type { Explanation } from '../models/contract';
import { explanationChartData, readableFeature } from './explanation-rows';

describe('explanationChartData', () => {
	it('labels latent dimensions by their top items', () => {
		const explanation: Explanation = {
			kind: 'latent-factors',
			globalMean: 3.5,
			userBias: 0.1,
			itemBias: -0.2,
			dimensions: [
				{ dimension: 2, contribution: 0.4 },
				{ dimension: 0, contribution: -0.1 }
			]
		};
		const data = explanationChartData(explanation, { dimensionItems: { 2: ['Alien', 'Aliens', 'Solaris'] } });
		expect(data?.shape).toBe('bars');
		expect(data?.rows.map((row) => row.label)).toEqual(['Alien…', 'dimension 1']);
		expect(data?.rows[0].detail).toBe('Dimension 3: 0.40. Strongest in Alien, Aliens, Solaris');
	});

	it('stacks a hybrid’s intercept and contributions', () => {
		const explanation: Explanation = {
			kind: 'hybrid',
			intercept: -0.5,
			components: [
				{ model: 'biased-mf', weight: 0.7, score: 4, contribution: 2.8, explanation: { kind: 'random' } },
				{ model: 'content', weight: 1.5, score: 0.2, contribution: 0.3, explanation: { kind: 'random' } }
			]
		};
		const data = explanationChartData(explanation);
		expect(data?.shape).toBe('stack');
		expect(data?.rows.map((row) => [row.label, row.value])).toEqual([
			['base', -0.5],
			['biased-mf', 2.8],
			['content', 0.3]
		]);
		const withoutConstant = explanationChartData({ ...explanation, intercept: 0 });
		expect(withoutConstant?.rows.map((row) => row.label)).toEqual(['biased-mf', 'content']);
		// Each model keeps its colour whether or not the constant is drawn.
		expect(withoutConstant?.rows.map((row) => row.colorSlot)).toEqual(data?.rows.slice(1).map((row) => row.colorSlot));
		expect(data?.rows.map((row) => row.colorSlot)).toEqual([0, 1, 2]);
	});

	it('names neighbours from the labels', () => {
		const explanation: Explanation = {
			kind: 'neighbours',
			mode: 'items',
			baseline: 3,
			neighbours: [{ index: 7, similarity: 0.8, value: 1 }]
		};
		expect(explanationChartData(explanation, { labels: { 7: 'Heat (1995)' } })?.rows[0].label).toBe('Heat (1995)');
	});

	it('draws nothing for popularity', () => {
		expect(explanationChartData({ kind: 'popularity', count: 3, rank: 1 })).toBeNull();
	});

	it('reads feature names', () => {
		expect(readableFeature('genre:sci-fi')).toBe('sci-fi (genre)');
		expect(readableFeature('text:captain')).toBe('captain (description)');
	});
});
