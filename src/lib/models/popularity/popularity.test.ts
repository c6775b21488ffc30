import { describe, expect, it } from 'vitest';
import type { Interactions } from '../../data/types';
import { popularitySpec } from './index';

// Item counts: 0 → 1, 1 → 3, 2 → 3, 3 → 0, 4 → 2.
const interactions: Interactions = {
	users: Int32Array.of(0, 1, 2, 0, 1, 2, 0, 1, 2),
	items: Int32Array.of(0, 1, 1, 1, 2, 2, 2, 4, 4),
	values: Float32Array.of(5, 1, 2, 3, 4, 5, 1, 2, 3),
	times: null,
	numUsers: 3,
	numItems: 5
};
const data = { interactions, kind: 'explicit' as const };

describe('popularity', () => {
	it('scores items by interaction count', async () => {
		const model = await popularitySpec.fit(data, {}, { seed: 0 });
		expect(Array.from(await model.score(0))).toEqual([1, 3, 3, 0, 2]);
		expect(Array.from(await model.score(0, Int32Array.of(4, 0)))).toEqual([2, 1]);
	});

	it('ranks by count with ties to the lower index', async () => {
		const model = await popularitySpec.fit(data, {}, { seed: 0 });
		const top = await model.recommend(1, 4);
		expect(top).toEqual([
			{ item: 1, score: 3 },
			{ item: 2, score: 3 },
			{ item: 4, score: 2 },
			{ item: 0, score: 1 }
		]);
		expect((await model.recommend(1, 2, [1])).map((entry) => entry.item)).toEqual([2, 4]);
	});

	it('explains with count and rank', async () => {
		const model = await popularitySpec.fit(data, {}, { seed: 0 });
		expect(await model.explain(0, 2)).toEqual({ kind: 'popularity', count: 3, rank: 2 });
		expect(await model.explain(0, 3)).toEqual({ kind: 'popularity', count: 0, rank: 5 });
	});

	it('round-trips through save and load', async () => {
		const model = await popularitySpec.fit(data, {}, { seed: 0 });
		const restored = await popularitySpec.load(await model.save());
		expect(Array.from(await restored.score(2))).toEqual(Array.from(await model.score(2)));
	});

	it('rejects hyperparameters and bad indices', async () => {
		await expect(popularitySpec.fit(data, { k: 3 }, { seed: 0 })).rejects.toThrow(/unknown popularity hyperparameter 'k'/);
		const model = await popularitySpec.fit(data, {}, { seed: 0 });
		await expect(model.score(3)).rejects.toThrow(/user index 3 out of range 0..2/);
	});
});
