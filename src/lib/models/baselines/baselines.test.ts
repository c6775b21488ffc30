import { describe, expect, it } from 'vitest';
import type { Interactions } from '../../data/types';
import { biasBaselineSpec, fitBaselines } from './bias-baseline';
import { buildCsr, resolveConfig } from './common';
import { globalMeanSpec } from './global-mean';
import { randomScore, randomSpec } from './random';

// Four ratings: (user, item, rating) = (0, 0, 5), (0, 1, 3), (1, 0, 4), (1, 2, 2); mean 14/4 = 7/2.
const four: Interactions = {
	users: Int32Array.of(0, 0, 1, 1),
	items: Int32Array.of(0, 1, 0, 2),
	values: Float32Array.of(5, 3, 4, 2),
	times: null,
	numUsers: 2,
	numItems: 3
};

describe('bias baseline', () => {
	// With regItem = regUser = 1, epoch 1 (user biases start at 0):
	//   item0 = (3/2 + 1/2) / (1 + 2) = 2/3,  item1 = (−1/2) / 2 = −1/4,  item2 = (−3/2) / 2 = −3/4
	//   user0 = ((3/2 − 2/3) + (−1/2 + 1/4)) / 3 = (7/12) / 3 = 7/36
	//   user1 = ((1/2 − 2/3) + (−3/2 + 3/4)) / 3 = (−11/12) / 3 = −11/36
	// Epoch 2:
	//   item0 = ((3/2 − 7/36) + (1/2 + 11/36)) / 3 = 19/27,  item1 = (−1/2 − 7/36) / 2 = −25/72
	//   item2 = (−3/2 + 11/36) / 2 = −43/72
	//   user0 = ((3/2 − 19/27) + (−1/2 + 25/72)) / 3 = 139/648
	//   user1 = ((1/2 − 19/27) + (−3/2 + 43/72)) / 3 = −239/648
	it('matches one hand-computed ALS epoch', () => {
		const { globalMean, userBias, itemBias } = fitBaselines(four, { regItem: 1, regUser: 1, epochs: 1 });
		expect(globalMean).toBe(3.5);
		expect(Array.from(itemBias)).toEqual([2 / 3, -1 / 4, -3 / 4].map(Math.fround));
		expect(userBias[0]).toBeCloseTo(7 / 36, 6);
		expect(userBias[1]).toBeCloseTo(-11 / 36, 6);
	});

	it('matches two hand-computed ALS epochs', () => {
		const { userBias, itemBias } = fitBaselines(four, { regItem: 1, regUser: 1, epochs: 2 });
		expect(itemBias[0]).toBeCloseTo(19 / 27, 6);
		expect(itemBias[1]).toBeCloseTo(-25 / 72, 6);
		expect(itemBias[2]).toBeCloseTo(-43 / 72, 6);
		expect(userBias[0]).toBeCloseTo(139 / 648, 6);
		expect(userBias[1]).toBeCloseTo(-239 / 648, 6);
	});

	it('predicts mean plus biases and explains them', async () => {
		const model = await biasBaselineSpec.fit({ interactions: four, kind: 'explicit' }, { regItem: 1, regUser: 1, epochs: 2 }, { seed: 0 });
		const score = (await model.score(1, Int32Array.of(1)))[0];
		expect(score).toBeCloseTo(3.5 - 239 / 648 - 25 / 72, 5);
		const explanation = await model.explain(1, 1);
		if (explanation.kind !== 'baseline') throw new Error(`unexpected explanation ${explanation.kind}`);
		expect(explanation.globalMean + explanation.userBias + explanation.itemBias).toBeCloseTo(score, 6);
	});

	it('rejects out-of-range regularisation', async () => {
		await expect(biasBaselineSpec.fit({ interactions: four, kind: 'explicit' }, { regItem: -1 }, { seed: 0 })).rejects.toThrow(
			/invalid regItem -1: expected a value from 0 to 1000/
		);
	});
});

describe('global mean', () => {
	it('predicts the mean for everyone', async () => {
		const model = await globalMeanSpec.fit({ interactions: four, kind: 'explicit' }, {}, { seed: 0 });
		expect(Array.from(await model.score(1))).toEqual([3.5, 3.5, 3.5]);
		await expect(globalMeanSpec.fit({ interactions: four, kind: 'explicit' }, { k: 1 }, { seed: 0 })).rejects.toThrow(
			/unknown global-mean hyperparameter 'k': this model takes none/
		);
	});
});

describe('random', () => {
	it('depends only on seed, user and item', async () => {
		const data = { interactions: four, kind: 'explicit' as const };
		const first = await randomSpec.fit(data, {}, { seed: 11 });
		const second = await randomSpec.fit(data, {}, { seed: 11 });
		const other = await randomSpec.fit(data, {}, { seed: 12 });
		expect(Array.from(await first.score(1))).toEqual(Array.from(await second.score(1)));
		expect(Array.from(await first.score(1))).not.toEqual(Array.from(await other.score(1)));
		expect((await first.score(1, Int32Array.of(2)))[0]).toBe(Math.fround(randomScore(11, 1, 2)));
	});

	it('spreads scores over [0, 1)', () => {
		const scores = Array.from({ length: 2000 }, (_, item) => randomScore(3, 7, item));
		expect(Math.min(...scores)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...scores)).toBeLessThan(1);
		const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
		expect(mean).toBeGreaterThan(0.45);
		expect(mean).toBeLessThan(0.55);
	});
});

describe('shared helpers', () => {
	it('buildCsr sorts each row by column', () => {
		const csr = buildCsr(Int32Array.of(1, 0, 1, 0), Int32Array.of(2, 1, 0, 0), Float32Array.of(1, 2, 3, 4), 2, 3);
		expect(Array.from(csr.offsets)).toEqual([0, 2, 4]);
		expect(Array.from(csr.indices)).toEqual([0, 1, 0, 2]);
		expect(Array.from(csr.values)).toEqual([4, 2, 3, 1]);
	});

	it('resolveConfig fills defaults and rejects bad values', () => {
		const parameters = [{ key: 'k', label: 'k', description: 'count', type: 'int' as const, default: 3, min: 1, max: 9 }];
		expect(resolveConfig('demo', parameters, {})).toEqual({ k: 3 });
		expect(() => resolveConfig('demo', parameters, { k: 1.5 })).toThrow(/invalid k 1.5: expected an integer/);
		expect(() => resolveConfig('demo', parameters, { kk: 1 })).toThrow(/unknown demo hyperparameter 'kk': expected one of k/);
	});
});
