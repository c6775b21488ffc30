import { describe, expect, it } from 'vitest';
import type { RecommendResult } from '../services/train-service';
import { recommendationsCsv, recommendationsJson } from './recommendations';

const result = {
	userId: '-7',
	ratedCount: 3,
	datasetName: 'tiny',
	rows: [
		{ item: 4, itemId: '0042', title: 'Toy Story (1995)', genres: ['Animation', 'Comedy'], score: 4.5, explanation: { kind: 'random' }, labels: {} },
		{ item: 9, itemId: '@cmd', title: '=1+1', genres: [], score: 4.25, explanation: { kind: 'random' }, labels: {} }
	]
} as unknown as RecommendResult;

describe('recommendations export', () => {
	it('writes rank, ids, title, genres and score', () => {
		const lines = recommendationsCsv(result, 'MF').trimEnd().split('\r\n');
		expect(lines[0]).toBe('model,userId,rank,itemId,title,genres,score');
		expect(lines[1]).toBe("MF,'-7,1,0042,Toy Story (1995),Animation|Comedy,4.5");
	});

	it('neutralises cells a spreadsheet would run', () => {
		expect(recommendationsCsv(result, 'MF').split('\r\n')[2]).toBe("MF,'-7,2,'@cmd,'=1+1,,4.25");
	});

	it('keeps explanations in JSON', () => {
		const parsed = JSON.parse(recommendationsJson(result, 'MF'));
		expect(parsed.recommendations[1]).toEqual({ rank: 2, itemId: '@cmd', title: '=1+1', genres: [], score: 4.25, explanation: { kind: 'random' } });
	});
});
