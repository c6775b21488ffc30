import { describe, expect, it } from 'vitest';
import type { CompareOutcome } from '../services/compare-service';
import { comparisonCsv, comparisonJson } from './comparison';

const outcome: CompareOutcome = {
	protocolLabel: 'random 80/20 split (seed 42)',
	candidateLabel: 'full ranking',
	relevanceLabel: 'all test items relevant',
	folds: 1,
	warnings: [],
	notes: [],
	models: [
		{ model: 'biased-mf', label: 'Biased MF', config: {}, metrics: { rmse: 0.91, ndcg: 0.05 }, fitSeconds: 0.8, scoreSeconds: 0.2 },
		{ model: 'ease', label: '=HYPERLINK("x")', config: { lambda: 100 }, metrics: {}, fitSeconds: 0, scoreSeconds: 0, error: 'too many items' }
	],
	comparisons: []
};

describe('comparison export', () => {
	it('writes one CSV row per model with labels and metrics', () => {
		const lines = comparisonCsv(outcome, 10).trimEnd().split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[0].split(',').slice(0, 8)).toEqual(['model', 'label', 'protocol', 'candidates', 'relevance', 'k', 'rmse', 'mae']);
		expect(lines[1]).toBe('biased-mf,Biased MF,random 80/20 split (seed 42),full ranking,all test items relevant,10,0.91,,,0.05,,,,,,,,,0.8,0.2,');
	});

	it('neutralises a label a spreadsheet would run as a formula', () => {
		const line = comparisonCsv(outcome, 10).split('\r\n')[2];
		expect(line.startsWith('ease,"\'=HYPERLINK(""x"")"')).toBe(true);
	});

	it('keeps the whole outcome in JSON', () => {
		expect(JSON.parse(comparisonJson(outcome, 10))).toMatchObject({ k: 10, candidateLabel: 'full ranking', models: [{ model: 'biased-mf' }, { error: 'too many items' }] });
	});
});
