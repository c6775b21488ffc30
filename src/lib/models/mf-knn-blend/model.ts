/**
 * The fitted blend: (1 − knnWeight) × mean of the biased-MF predictions +
 * knnWeight × the item-kNN prediction, clipped to the training ratings' range.
 * The components are ordinary fitted models, saved under prefixed array names.
 */
import type { Explanation, FittedModel, ModelConfig, NamedArray, SavedModel, ScoredItem } from '../contract';
import { recommendFromScores } from '../baselines/common';
import { biasedMfSpec } from '../biased-mf';
import { itemKnnSpec } from '../knn';
import { componentKnnConfig, componentMfConfig, mfKnnBlendType, type MfKnnBlendConfig } from './config';

/** Prefix of the arrays of MF component `index` (0-based) and of the kNN component in a saved blend. */
const mfPrefix = (index: number) => `mf${index}.`;
const knnPrefix = 'knn.';

export class MfKnnBlendModel implements FittedModel {
	readonly modelType = mfKnnBlendType;

	/** Takes ownership of the components; {@link dispose} frees them. */
	constructor(
		readonly config: ModelConfig,
		private readonly resolved: MfKnnBlendConfig,
		private readonly mfModels: FittedModel[],
		private readonly knnModel: FittedModel,
		/** Smallest and largest training rating, the range the blended scores are clipped to. */
		private readonly ratingRange: [number, number]
	) {}

	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		const knnWeight = this.resolved.knnWeight;
		const blended = Float32Array.from(await this.knnModel.score(user, items), (value) => knnWeight * value);
		const mfWeight = (1 - knnWeight) / this.mfModels.length;
		for (const model of this.mfModels) {
			const scores = await model.score(user, items);
			for (let position = 0; position < blended.length; position++) blended[position] += mfWeight * scores[position];
		}
		const [low, high] = this.ratingRange;
		for (let position = 0; position < blended.length; position++) blended[position] = Math.min(high, Math.max(low, blended[position]));
		return blended;
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	/**
	 * Explains the score as a hybrid: each component's weight × score with its own explanation. The intercept is
	 * the correction made by clipping to the training rating range (0 unless the blend fell outside it), so the
	 * contributions plus the intercept equal the score.
	 */
	async explain(user: number, item: number): Promise<Explanation> {
		const items = Int32Array.of(item);
		const knnWeight = this.resolved.knnWeight;
		const mfWeight = (1 - knnWeight) / this.mfModels.length;
		const parts = [
			{ model: 'item-knn', weight: knnWeight, component: this.knnModel },
			...this.mfModels.map((component, index) => ({ model: `biased-mf #${index + 1}`, weight: mfWeight, component }))
		];
		const components = [];
		let sum = 0;
		for (const { model, weight, component } of parts) {
			const score = (await component.score(user, items))[0];
			sum += weight * score;
			components.push({ model, weight, score, contribution: weight * score, explanation: await component.explain(user, item) });
		}
		const total = (await this.score(user, items))[0];
		return { kind: 'hybrid', intercept: total - sum, components };
	}

	async save(): Promise<SavedModel> {
		const arrays: NamedArray[] = [{ name: 'ratingRange', shape: [2], dtype: 'float32', data: Float32Array.from(this.ratingRange) }];
		const components = [...this.mfModels.map((model, index) => [mfPrefix(index), model] as const), [knnPrefix, this.knnModel] as const];
		let numUsers = 0;
		let numItems = 0;
		for (const [prefix, model] of components) {
			const saved = await model.save();
			({ numUsers, numItems } = saved);
			for (const array of saved.arrays) arrays.push({ ...array, name: prefix + array.name });
		}
		return { modelType: mfKnnBlendType, config: { ...this.config }, numUsers, numItems, arrays };
	}

	dispose(): void {
		for (const model of this.mfModels) model.dispose();
		this.knnModel.dispose();
	}
}

/** Returns the arrays of one component with its prefix removed. */
function componentArrays(saved: SavedModel, prefix: string): NamedArray[] {
	return saved.arrays.filter((array) => array.name.startsWith(prefix)).map((array) => ({ ...array, name: array.name.slice(prefix.length) }));
}

/** Rebuilds the blend and each component from a saved blend, through the components' own checked loaders. */
export async function restoreMfKnnBlend(saved: SavedModel, resolved: MfKnnBlendConfig): Promise<MfKnnBlendModel> {
	const range = saved.arrays.find((array) => array.name === 'ratingRange');
	if (!range || range.data.length !== 2 || !(range.data[0] <= range.data[1])) {
		throw new Error('mf-knn-blend model has a missing or invalid ratingRange array: re-export the model');
	}
	const { numUsers, numItems } = saved;
	const loaded: FittedModel[] = [];
	try {
		for (let index = 0; index < resolved.mfSeeds; index++) {
			const arrays = componentArrays(saved, mfPrefix(index));
			loaded.push(await biasedMfSpec.load({ modelType: biasedMfSpec.id, config: componentMfConfig(resolved), numUsers, numItems, arrays }));
		}
		const knnArrays = componentArrays(saved, knnPrefix);
		const knnModel = await itemKnnSpec.load({ modelType: itemKnnSpec.id, config: componentKnnConfig(resolved), numUsers, numItems, arrays: knnArrays });
		return new MfKnnBlendModel({ ...resolved }, resolved, loaded, knnModel, [range.data[0], range.data[1]]);
	} catch (error) {
		for (const model of loaded) model.dispose();
		throw error;
	}
}
