import { describe, expect, it } from 'vitest';
import type { Explanation, FittedModel, ModelSpec, SavedModel } from '../contract';
import type { Interactions } from '../../data/types';
import { popularitySpec } from '../popularity';
import { solveRidge } from './blend';
import { createHybridSpec } from './index';

/** A component whose score is a fixed function of (user, item), so the blend weights are known. */
function stubSpec(id: string, scoreOf: (user: number, item: number) => number, numUsers: number, numItems: number): ModelSpec {
	const model: FittedModel = {
		modelType: id,
		config: {},
		async score(user, items) {
			const list = items ?? Int32Array.from({ length: numItems }, (_, item) => item);
			return Float32Array.from(list, (item) => scoreOf(user, item));
		},
		async recommend() {
			return [];
		},
		async explain(): Promise<Explanation> {
			return { kind: 'random' };
		},
		async save(): Promise<SavedModel> {
			return { modelType: id, config: {}, numUsers, numItems, arrays: [] };
		},
		dispose() {}
	};
	return {
		id,
		label: id,
		description: '',
		supports: ['explicit', 'implicit'],
		predictsRatings: true,
		hyperParameters: [],
		fit: async () => model,
		load: async () => model
	};
}

const numUsers = 6;
const numItems = 5;
const first = (user: number, item: number) => ((user * 3 + item * 5) % 7) / 2;
const second = (user: number, item: number) => ((user + 2 * item) % 4) - 1.5;

/** Builds ratings of exactly 1 + 2·first + 0.5·second for every cell, except user 5, who rated one item. */
function exactRatings(): Interactions {
	const users: number[] = [];
	const items: number[] = [];
	const values: number[] = [];
	for (let user = 0; user < numUsers; user++) {
		for (let item = 0; item < numItems; item++) {
			if (user === 5 && item > 0) continue;
			users.push(user);
			items.push(item);
			values.push(1 + 2 * first(user, item) + 0.5 * second(user, item));
		}
	}
	return { users: Int32Array.from(users), items: Int32Array.from(items), values: Float32Array.from(values), times: null, numUsers, numItems };
}

const specs: Record<string, ModelSpec> = {
	first: stubSpec('first', first, numUsers, numItems),
	second: stubSpec('second', second, numUsers, numItems),
	popularity: popularitySpec
};
const hybridSpec = createHybridSpec((id) => {
	const spec = specs[id];
	if (!spec) throw new Error(`unknown model type '${id}'`);
	return spec;
});
const exactConfig = { components: 'first,second', ridgeLambda: 0, validationFraction: 0.4, coldFallback: 'popularity' };

describe('solveRidge', () => {
	it('matches the one-variable closed form', () => {
		// Centred scores [-1, 1] and targets [0, 2]: b = mean(y) = 1, w = Σ s(y − ȳ) / (Σ s² + λ) = 2 / (2 + λ).
		const blend = solveRidge([[-1, 1]], [0, 2], 2);
		expect(blend.intercept).toBeCloseTo(1, 12);
		expect(blend.weights[0]).toBeCloseTo(0.5, 12);
	});

	it('recovers exact weights without a penalty', () => {
		const a = [1, 2, 3, 4, 5];
		const b = [1, 0, 1, 0, 2];
		const targets = a.map((value, row) => 1 + 2 * value + 0.5 * b[row]);
		const blend = solveRidge([a, b], targets, 0);
		expect(blend.intercept).toBeCloseTo(1, 10);
		expect(blend.weights[0]).toBeCloseTo(2, 10);
		expect(blend.weights[1]).toBeCloseTo(0.5, 10);
	});

	it('satisfies the normal equations with a penalty', () => {
		const a = [1, 2, 3, 4, 5];
		const b = [1, 0, 1, 0, 2];
		const targets = [3, 1, 4, 1, 5];
		const lambda = 3;
		const { intercept, weights } = solveRidge([a, b], targets, lambda);
		// Gradient of ‖y − b − Aw‖² + λ‖w‖², halved: each entry must vanish.
		const residuals = targets.map((target, row) => target - intercept - weights[0] * a[row] - weights[1] * b[row]);
		const dot = (column: number[]) => column.reduce((sum, value, row) => sum + value * residuals[row], 0);
		expect(residuals.reduce((sum, value) => sum + value, 0)).toBeCloseTo(0, 10);
		expect(dot(a) - lambda * weights[0]).toBeCloseTo(0, 10);
		expect(dot(b) - lambda * weights[1]).toBeCloseTo(0, 10);
	});

	it('rejects a singular system', () => {
		expect(() => solveRidge([[2, 2, 2]], [1, 2, 3], 0)).toThrow(/singular/);
	});
});

describe('hybrid', () => {
	it('learns the weights that generated the ratings', async () => {
		const model = await hybridSpec.fit({ interactions: exactRatings(), kind: 'explicit' }, exactConfig, { seed: 3 });
		const metrics = model.learnedMetrics?.() ?? {};
		expect(metrics.blendIntercept).toBeCloseTo(1, 4);
		expect(metrics['weight:first']).toBeCloseTo(2, 4);
		expect(metrics['weight:second']).toBeCloseTo(0.5, 4);
		const scores = await model.score(2);
		expect(scores[3]).toBeCloseTo(1 + 2 * first(2, 3) + 0.5 * second(2, 3), 4);
		model.dispose();
	});

	it('explains with contributions that sum to the score', async () => {
		const model = await hybridSpec.fit({ interactions: exactRatings(), kind: 'explicit' }, exactConfig, { seed: 3 });
		const explanation = await model.explain(1, 2);
		if (explanation.kind !== 'hybrid') throw new Error(`expected a hybrid explanation, got '${explanation.kind}'`);
		expect(explanation.components.map((component) => component.model)).toEqual(['first', 'second']);
		const total = explanation.intercept + explanation.components.reduce((sum, component) => sum + component.contribution, 0);
		expect(Math.abs(total - (await model.score(1))[2])).toBeLessThan(1e-5);
		expect(explanation.switchedTo).toBeUndefined();
		model.dispose();
	});

	it('switches cold users to the fallback', async () => {
		const model = await hybridSpec.fit(
			{ interactions: exactRatings(), kind: 'explicit' },
			{ ...exactConfig, coldUserThreshold: 2 },
			{ seed: 3 }
		);
		const explanation = await model.explain(5, 3);
		if (explanation.kind !== 'hybrid') throw new Error(`expected a hybrid explanation, got '${explanation.kind}'`);
		expect(explanation.switchedTo).toBe('popularity');
		expect(explanation.switchReason).toMatch(/1 interactions, fewer than 2/);
		expect(explanation.components).toHaveLength(1);
		const [fallback] = explanation.components;
		// Popularity scores item 3 by its count: users 0–4 rated it.
		expect(fallback.score).toBe(5);
		const score = (await model.score(5))[3];
		expect(Math.abs(explanation.intercept + fallback.contribution - score)).toBeLessThan(1e-5);
		model.dispose();
	});

	it('saves components under prefixed names and restores them', async () => {
		const model = await hybridSpec.fit({ interactions: exactRatings(), kind: 'explicit' }, { ...exactConfig, coldItemThreshold: 6 }, { seed: 3 });
		const saved = await model.save();
		expect(saved.strings?.componentTypes).toEqual(['first', 'second', 'popularity']);
		expect(saved.arrays.map((array) => array.name)).toContain('c2/counts');
		expect(saved.strings?.['c0/config']).toEqual(['{}']);
		const restored = await hybridSpec.load(structuredClone(saved));
		expect(await restored.score(4)).toEqual(await model.score(4));
		expect(await restored.explain(4, 1)).toEqual(await model.explain(4, 1));
		model.dispose();
		restored.dispose();
	});

	it('rejects a hybrid inside a hybrid', async () => {
		await expect(hybridSpec.fit({ interactions: exactRatings(), kind: 'explicit' }, { components: 'first,hybrid' }, { seed: 1 })).rejects.toThrow(
			/cannot contain 'hybrid'/
		);
	});

	it('rejects an empty component list', async () => {
		await expect(hybridSpec.fit({ interactions: exactRatings(), kind: 'explicit' }, { components: ' , ' }, { seed: 1 })).rejects.toThrow(
			/invalid components/
		);
	});
});
