import { describe, expect, it } from 'vitest';
import type { Progress } from '../data/types';
import { throttleProgress } from './pending-import';

describe('throttleProgress', () => {
	it('passes one update per interval within a phase', () => {
		let time = 0;
		const sent: Progress[] = [];
		const onProgress = throttleProgress((progress) => sent.push(progress), 100, () => time);

		for (let done = 1; done <= 50; done++) {
			time = done * 10;
			onProgress({ phase: 'parsing', done, total: 100 });
		}
		// Updates at 10, 110, 210, 310 and 410 ms pass; the 45 in between are dropped.
		expect(sent.map((progress) => progress.done)).toEqual([1, 11, 21, 31, 41]);
	});

	it('passes phase changes and finished phases at once', () => {
		const sent: Progress[] = [];
		const onProgress = throttleProgress((progress) => sent.push(progress), 100, () => 0);

		onProgress({ phase: 'parsing', done: 1, total: 10 });
		onProgress({ phase: 'parsing', done: 2, total: 10 });
		onProgress({ phase: 'parsing', done: 10, total: 10 });
		onProgress({ phase: 'saving', done: 0, total: 4 });

		expect(sent.map((progress) => `${progress.phase} ${progress.done}`)).toEqual(['parsing 1', 'parsing 10', 'saving 0']);
	});
});
