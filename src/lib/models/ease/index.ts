/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019):
 * an item × item weight matrix B with zero diagonal, the closed-form solution of
 *   min ‖X − XB‖² + λ‖B‖²  subject to diag(B) = 0,
 * namely P = (XᵀX + λI)⁻¹ and B[i][j] = −P[i][j] / P[j][j] for i ≠ j.
 * score(u, j) = Σ_i X[u][i] · B[i][j] over the user's items i.
 * X is binary (1 per interaction) or contains the values, as set by `values`.
 * With a recency half-life h > 0, the scoring sum weighs the user's n-th most
 * recent item by 2^(−(n−1)/h) (recency.ts); B itself is learned from X as above.
 * Linear algebra in plain Float64 TypeScript. solve.ts explains why and contains the
 * memory guard, and spd-inverse.ts inverts XᵀX + λI through its Cholesky factor.
 */
import type { Explanation, FittedModel, HyperParameter, ModelConfig, ModelSpec, SavedModel, ScoredItem } from '../contract';
import {
	buildCsr,
	checkItem,
	checkModelType,
	checkUser,
	csrArrays,
	readCsr,
	readFloat32,
	recommendFromScores,
	resolveConfig,
	type Csr
} from '../baselines/common';
import { checkEaseMemory, gramMatrix } from './solve';
import { invertSpdInPlace } from './spd-inverse';
import { easeFoldIn } from './fold-in';
import { recencyWeights } from '../recency';

const modelType = 'ease';

export const easeHyperParameters: HyperParameter[] = [
	{
		key: 'lambda',
		label: 'L2 regularisation (λ)',
		description:
			'Added to the diagonal of XᵀX before inverting. Larger values shrink the item weights; with binary data about 100–1000 suits MovieLens-100K-sized catalogues, and larger datasets take larger values.',
		type: 'float',
		default: 500,
		min: 1,
		max: 1_000_000
	},
	{
		key: 'values',
		label: 'Interaction values',
		description: 'binary: each interaction counts 1, as in the paper. values: the rating or count itself enters X.',
		type: 'choice',
		default: 'binary',
		choices: ['binary', 'values']
	},
	{
		key: 'recencyHalfLife',
		label: 'Recency half-life',
		description:
			"0: every item in the user's history counts the same when scoring, as in the paper. Above 0: the user's most recent item counts 1 and each older one counts less, halving every this many interactions, which suits predicting the next interaction (leave-last-out). Needs a timestamp column.",
		unit: 'interactions',
		type: 'float',
		default: 0,
		min: 0,
		max: 10_000
	}
];

class EaseModel implements FittedModel {
	readonly modelType = modelType;
	private readonly numUsers: number;

	constructor(
		readonly config: ModelConfig,
		private readonly numItems: number,
		/** Row-major items × items, row i holding item i's weights toward every item. */
		private readonly weights: Float32Array,
		/** X by user: the user's items with the values that enter the score (recency-weighted when set). */
		private readonly inputs: Csr
	) {
		this.numUsers = inputs.offsets.length - 1;
		Object.assign(this, easeFoldIn(weights, numItems, config.values === 'binary'));
	}

	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		checkUser(user, this.numUsers);
		items?.forEach((item) => checkItem(item, this.numItems));
		const totals = new Float64Array(this.numItems);
		const { offsets, indices, values } = this.inputs;
		for (let entry = offsets[user]; entry < offsets[user + 1]; entry++) {
			const row = indices[entry] * this.numItems;
			const value = values[entry];
			for (let item = 0; item < this.numItems; item++) totals[item] += value * this.weights[row + item];
		}
		return items ? Float32Array.from(items, (item) => totals[item]) : Float32Array.from(totals);
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	/** Lists the user's items with X[u][i] · B[i][item], largest magnitude first. They sum to the score. */
	async explain(user: number, item: number): Promise<Explanation> {
		checkUser(user, this.numUsers);
		checkItem(item, this.numItems);
		const { offsets, indices, values } = this.inputs;
		const contributions: { index: number; weight: number }[] = [];
		for (let entry = offsets[user]; entry < offsets[user + 1]; entry++) {
			contributions.push({ index: indices[entry], weight: values[entry] * this.weights[indices[entry] * this.numItems + item] });
		}
		contributions.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
		return { kind: 'item-similarity', contributions };
	}

	async save(): Promise<SavedModel> {
		return {
			modelType,
			config: { ...this.config },
			numUsers: this.numUsers,
			numItems: this.numItems,
			arrays: [
				{ name: 'weights', shape: [this.numItems, this.numItems], dtype: 'float32', data: Float32Array.from(this.weights) },
				...csrArrays('inputs', this.inputs)
			]
		};
	}

	dispose(): void {}
}

export const easeSpec: ModelSpec = {
	id: modelType,
	label: 'EASE',
	description:
		'Learns how much each item predicts each other item with one closed-form ridge regression. Strong for top-k ranking; needs an items × items matrix, so suits catalogues up to several thousand items.',
	supports: ['explicit', 'implicit'],
	predictsRatings: false,
	hyperParameters: easeHyperParameters,

	async fit(data, config, context) {
		const resolved = resolveConfig(modelType, easeHyperParameters, config);
		const { users, items, values, numUsers, numItems } = data.interactions;
		checkEaseMemory(numItems);
		if (users.length === 0) throw new Error('no training interactions: import a dataset with at least one interaction');

		const inputValues = resolved.values === 'binary' ? new Float32Array(values.length).fill(1) : values;
		const inputs = buildCsr(users, items, inputValues, numUsers, numItems);
		const halfLife = Number(resolved.recencyHalfLife);
		const recency = halfLife > 0 ? recencyWeights(data.interactions, halfLife) : null;
		const matrix = await gramMatrix(inputs, numItems, Number(resolved.lambda), context);
		await invertSpdInPlace(matrix, numItems, context);

		// B[i][j] = −P[i][j] / P[j][j] off the diagonal, 0 on it.
		const weights = new Float32Array(numItems * numItems);
		for (let row = 0; row < numItems; row++) {
			for (let column = 0; column < numItems; column++) {
				if (row !== column) weights[row * numItems + column] = -matrix[row * numItems + column] / matrix[column * numItems + column];
			}
		}
		const scoringInputs = recency ? buildCsr(users, items, inputValues.map((value, row) => value * recency[row]), numUsers, numItems) : inputs;
		return new EaseModel(resolved, numItems, weights, scoringInputs);
	},

	async load(saved) {
		checkModelType(saved, modelType);
		const resolved = resolveConfig(modelType, easeHyperParameters, saved.config);
		checkEaseMemory(saved.numItems);
		const weights = readFloat32(saved, 'weights', saved.numItems * saved.numItems);
		return new EaseModel(resolved, saved.numItems, weights, readCsr(saved, 'inputs', saved.numUsers, saved.numItems));
	}
};
