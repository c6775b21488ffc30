/**
 * Fold-in for the factor models of this folder (implicit ALS, BPR): the new
 * user's vector against the fixed item vectors Y.
 * Implicit ALS solves its own user step exactly (Hu, Koren and Volinsky 2008):
 *   (YᵀY + Yᵀ(C_u − I)Y + λI) x_u = Yᵀ C_u p_u,  c = 1 + α·value (or α·log(1 + value)).
 * BPR has no closed-form user step, so its fold-in is the ridge regression of
 * 1 on the picked items' vectors with BPR's regularisation.
 */
import type { Explanation, ModelConfig, NewUserPick } from '../contract';
import { checkPicks, dimensionContributions, scoresOf, solveFoldIn, type FoldIn } from '../fold-in';
import { confidenceOf } from './train';
import type { FactorParameters } from './factor-model';

export function factorFoldIn(modelType: string, parameters: FactorParameters, config: ModelConfig): FoldIn & { foldInUser(picks: NewUserPick[]): Promise<Float64Array> } {
	const [numItems, factors] = parameters.itemFactors.shape;
	let itemData: Promise<{ itemFactors: Float32Array; itemBias: Float32Array | null; gram: Float64Array }> | null = null;
	const items = () => {
		itemData ??= (async () => {
			const itemFactors = (await parameters.itemFactors.data()) as Float32Array;
			const itemBias = parameters.itemBias ? ((await parameters.itemBias.data()) as Float32Array) : null;
			return { itemFactors, itemBias, gram: modelType === 'implicit-als' ? gramOf(itemFactors, numItems, factors) : new Float64Array(0) };
		})();
		return itemData;
	};
	const vectorOf = (itemFactors: Float32Array, item: number) => itemFactors.subarray(item * factors, (item + 1) * factors);

	async function foldInUser(picks: NewUserPick[]): Promise<Float64Array> {
		checkPicks(picks, numItems);
		if (picks.length === 0) return new Float64Array(factors);
		const { itemFactors, gram } = await items();
		const vectors = picks.map(({ item }) => vectorOf(itemFactors, item));
		const penalty = Array(factors).fill(Number(config.regularization));
		if (modelType !== 'implicit-als') {
			return solveFoldIn({ base: null, vectors, matrixWeights: picks.map(() => 1), rightWeights: picks.map(() => 1), penalty });
		}
		const alpha = Number(config.alpha);
		const confidence = confidenceOf(Float32Array.from(picks, (pick) => pick.value), { alpha, confidence: config.confidence === 'log' ? 'log' : 'linear' });
		return solveFoldIn({
			base: gram,
			vectors,
			matrixWeights: Array.from(confidence, (value) => value - 1),
			rightWeights: Array.from(confidence),
			penalty
		});
	}

	return {
		foldInUser,
		async scoreNewUser(picks, selected) {
			const user = await foldInUser(picks);
			const { itemFactors, itemBias } = await items();
			return scoresOf(numItems, selected, (item) => {
				const vector = vectorOf(itemFactors, item);
				let dot = itemBias ? itemBias[item] : 0;
				for (let dimension = 0; dimension < factors; dimension++) dot += user[dimension] * vector[dimension];
				return dot;
			});
		},
		async explainNewUser(picks, item): Promise<Explanation> {
			const user = await foldInUser(picks);
			const { itemFactors, itemBias } = await items();
			return {
				kind: 'latent-factors',
				globalMean: 0,
				userBias: 0,
				itemBias: itemBias ? itemBias[item] : 0,
				dimensions: dimensionContributions(user, vectorOf(itemFactors, item), factors)
			};
		}
	};
}

/** YᵀY as a row-major factors × factors Float64Array. */
function gramOf(itemFactors: Float32Array, numItems: number, factors: number): Float64Array {
	const gram = new Float64Array(factors * factors);
	for (let item = 0; item < numItems; item++) {
		const offset = item * factors;
		for (let a = 0; a < factors; a++) {
			const valueA = itemFactors[offset + a];
			for (let b = 0; b < factors; b++) gram[a * factors + b] += valueA * itemFactors[offset + b];
		}
	}
	return gram;
}
