import { describe, expect, it } from 'vitest';
import { metricLabel } from './metric-labels';

describe('metricLabel', () => {
	it('names metrics at k', () => {
		expect(metricLabel('hitRate', 10)).toBe('HR@10');
		expect(metricLabel('ndcg', 5)).toBe('NDCG@5');
		expect(metricLabel('rmse', 10)).toBe('RMSE');
	});

	it('keeps unknown keys', () => {
		expect(metricLabel('serendipity', 10)).toBe('serendipity');
	});
});
