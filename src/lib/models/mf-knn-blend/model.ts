/**
 * The fitted blend: the weighted sum of its components' predicted ratings
 * (parts.ts lists them), clipped to the training ratings' range. The
 * components are ordinary fitted models, saved under prefixed array names.
 */
import type { Explanation, FittedModel, ModelConfig, NamedArray, SavedModel, ScoredItem } from '../contract';
import { recommendFromScores } from '../baselines/common';
import { mfKnnBlendType } from './config';
import type { BlendPart } from './parts';

/** A component descriptor with its fitted model. */
export type FittedPart = BlendPart & { model: FittedModel };

export class MfKnnBlendModel implements FittedModel {
	readonly modelType = mfKnnBlendType;

	/** Takes ownership of the components' models; {@link dispose} frees them. */
	constructor(
		readonly config: ModelConfig,
		private readonly parts: FittedPart[],
		/** Smallest and largest training rating, the range the blended scores are clipped to. */
		private readonly ratingRange: [number, number]
	) {}

	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		let blended: Float32Array | null = null;
		for (const { model, weight } of this.parts) {
			const scores = await model.score(user, items);
			blended ??= new Float32Array(scores.length);
			for (let position = 0; position < blended.length; position++) blended[position] += weight * scores[position];
		}
		const [low, high] = this.ratingRange;
		return Float32Array.from(blended ?? [], (value) => Math.min(high, Math.max(low, value)));
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
		const components = [];
		let sum = 0;
		for (const { name, weight, model } of this.parts) {
			const score = (await model.score(user, items))[0];
			sum += weight * score;
			components.push({ model: name, weight, score, contribution: weight * score, explanation: await model.explain(user, item) });
		}
		const total = (await this.score(user, items))[0];
		return { kind: 'hybrid', intercept: total - sum, components };
	}

	async save(): Promise<SavedModel> {
		const arrays: NamedArray[] = [{ name: 'ratingRange', shape: [2], dtype: 'float32', data: Float32Array.from(this.ratingRange) }];
		let numUsers = 0;
		let numItems = 0;
		for (const { prefix, model } of this.parts) {
			const saved = await model.save();
			({ numUsers, numItems } = saved);
			for (const array of saved.arrays) arrays.push({ ...array, name: prefix + array.name });
		}
		return { modelType: mfKnnBlendType, config: { ...this.config }, numUsers, numItems, arrays };
	}

	dispose(): void {
		for (const { model } of this.parts) model.dispose();
	}
}

/** Returns the arrays of one component with its prefix removed. */
function componentArrays(saved: SavedModel, prefix: string): NamedArray[] {
	return saved.arrays.filter((array) => array.name.startsWith(prefix)).map((array) => ({ ...array, name: array.name.slice(prefix.length) }));
}

/** Rebuilds the blend and each component from a saved blend, through the components' own checked loaders. */
export async function restoreMfKnnBlend(saved: SavedModel, config: ModelConfig, parts: BlendPart[]): Promise<MfKnnBlendModel> {
	const range = saved.arrays.find((array) => array.name === 'ratingRange');
	if (!range || range.data.length !== 2 || !(range.data[0] <= range.data[1])) {
		throw new Error('mf-knn-blend model has a missing or invalid ratingRange array: re-export the model');
	}
	const { numUsers, numItems } = saved;
	const loaded: FittedPart[] = [];
	try {
		for (const part of parts) {
			const arrays = componentArrays(saved, part.prefix);
			loaded.push({ ...part, model: await part.spec.load({ modelType: part.spec.id, config: part.config, numUsers, numItems, arrays }) });
		}
		return new MfKnnBlendModel(config, loaded, [range.data[0], range.data[1]]);
	} catch (error) {
		for (const { model } of loaded) model.dispose();
		throw error;
	}
}
