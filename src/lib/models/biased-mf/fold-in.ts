/**
 * Fold-in for biased MF: the new user's vector p and bias b_u solve the
 * model's own loss with the item parameters fixed, a ridge regression
 *   [p; b_u] = (ZᵀZ + Λ)⁻¹ Zᵀ(r − μ − b_i),  Z = [Q_picks | 1],
 * where Λ carries the penalties the training loss gives one user with n ratings:
 * n × regularization on p and n × biasRegularization on b_u ('rating' scope),
 * or the plain weights ('entity' scope).
 */
import type { Explanation, ModelConfig, NewUserPick } from '../contract';
import { checkPicks, dimensionContributions, scoresOf, solveFoldIn, type FoldIn } from '../fold-in';
import type { BiasedMfParameters } from './train';

export interface FoldedUser {
	vector: Float64Array;
	bias: number;
}

/** Fold-in methods for a biased-MF model; they read the item tensors once, with `await data()`. */
export function biasedMfFoldIn(parameters: BiasedMfParameters, config: ModelConfig): FoldIn & { foldInUser(picks: NewUserPick[]): Promise<FoldedUser> } {
	const [numItems, factors] = parameters.itemFactors.shape;
	let itemData: Promise<{ itemFactors: Float32Array; itemBias: Float32Array }> | null = null;
	const items = () => {
		itemData ??= Promise.all([parameters.itemFactors.data(), parameters.itemBias.data()]).then(([itemFactors, itemBias]) => ({
			itemFactors: itemFactors as Float32Array,
			itemBias: itemBias as Float32Array
		}));
		return itemData;
	};

	async function foldInUser(picks: NewUserPick[]): Promise<FoldedUser> {
		checkPicks(picks, numItems);
		if (picks.length === 0) return { vector: new Float64Array(factors), bias: 0 };
		const { itemFactors, itemBias } = await items();
		const scale = config.regularizationScope === 'entity' ? 1 : picks.length;
		const solution = solveFoldIn({
			base: null,
			vectors: picks.map(({ item }) => [...itemFactors.subarray(item * factors, (item + 1) * factors), 1]),
			matrixWeights: picks.map(() => 1),
			rightWeights: picks.map(({ item, value }) => value - parameters.globalMean - itemBias[item]),
			penalty: [...Array(factors).fill(scale * Number(config.regularization)), scale * Number(config.biasRegularization)]
		});
		return { vector: solution.subarray(0, factors), bias: solution[factors] };
	}

	const scoreWith = (user: FoldedUser, itemFactors: Float32Array, itemBias: Float32Array) => (item: number) => {
		let dot = 0;
		for (let dimension = 0; dimension < factors; dimension++) dot += user.vector[dimension] * itemFactors[item * factors + dimension];
		return parameters.globalMean + user.bias + itemBias[item] + dot;
	};

	return {
		foldInUser,
		async scoreNewUser(picks, selected) {
			const user = await foldInUser(picks);
			const { itemFactors, itemBias } = await items();
			return scoresOf(numItems, selected, scoreWith(user, itemFactors, itemBias));
		},
		async explainNewUser(picks, item): Promise<Explanation> {
			const user = await foldInUser(picks);
			const { itemFactors, itemBias } = await items();
			return {
				kind: 'latent-factors',
				globalMean: parameters.globalMean,
				userBias: user.bias,
				itemBias: itemBias[item],
				dimensions: dimensionContributions(user.vector, itemFactors.subarray(item * factors, (item + 1) * factors), factors)
			};
		}
	};
}
