/**
 * The fitted hybrid: a linear blend of fitted component models with a
 * switching rule for cold users and items.
 *   score(u, i) = intercept + Σ_c weight_c · score_c(u, i)
 * except that a user or item with fewer training interactions than its
 * threshold gets fallbackIntercept + fallbackWeight · score_fallback(u, i).
 */
import type { Explanation, FittedModel, ModelConfig, ModelSpec, NamedArray, NewUserPick, SavedModel, ScoredItem } from '../contract';
import { checkItem, checkUser, float32Array, int32Array, readFloat32, readInt32, recommendFromScores } from '../baselines/common';
import type { Blend } from './blend';
import { hybridType, type HybridConfig } from './config';

export interface HybridComponent {
	id: string;
	model: FittedModel;
}

/** Learned state. The blended components come first; the fallback may be one of them or follow them. */
export interface HybridState {
	components: HybridComponent[];
	/** How many of `components`, from the first, enter the blend. */
	blendedCount: number;
	/** Weights of the blended components, rounded to float32 so a saved model scores exactly the same. */
	blend: Blend;
	fallbackIndex: number;
	/** One-variable calibration of the fallback's score, rounded to float32 like `blend`. */
	fallback: { intercept: number; weight: number };
	/** Training interactions per user and per item, which the switching rule compares with the thresholds. */
	userCounts: Int32Array;
	itemCounts: Int32Array;
}

type ScoresOf = (component: FittedModel) => Promise<Float32Array>;
type ExplainOf = (component: FittedModel) => Promise<Explanation>;

export class HybridModel implements FittedModel {
	readonly modelType = hybridType;
	private readonly settings: HybridConfig;
	private readonly numUsers: number;
	private readonly numItems: number;

	/** Takes ownership of the component models; {@link dispose} disposes them. */
	constructor(
		readonly config: ModelConfig,
		private readonly state: HybridState
	) {
		this.settings = config as unknown as HybridConfig;
		this.numUsers = state.userCounts.length;
		this.numItems = state.itemCounts.length;
	}

	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		checkUser(user, this.numUsers);
		items?.forEach((item) => checkItem(item, this.numItems));
		return this.combine(this.userColdReason(this.state.userCounts[user]) !== null, items, (model) => model.score(user, items));
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	/** Lists the blended components' contributions (weight × score); with the intercept they sum to the score. */
	async explain(user: number, item: number): Promise<Explanation> {
		checkUser(user, this.numUsers);
		checkItem(item, this.numItems);
		const single = Int32Array.of(item);
		return this.describe(
			this.userColdReason(this.state.userCounts[user]),
			item,
			(model) => model.score(user, single),
			(model) => model.explain(user, item)
		);
	}

	/**
	 * Scores for a user known only by `picks`; needs every component used to support fold-in.
	 * NOTE: the blend was learned on trained users, so a new user's blended score can leave the rating scale (5.7 on a 1–5 scale after three 5s).
	 */
	async scoreNewUser(picks: NewUserPick[], items?: Int32Array): Promise<Float32Array> {
		items?.forEach((item) => checkItem(item, this.numItems));
		return this.combine(this.userColdReason(picks.length) !== null, items, (model) => foldInOf(model).score(picks, items));
	}

	async explainNewUser(picks: NewUserPick[], item: number): Promise<Explanation> {
		checkItem(item, this.numItems);
		const single = Int32Array.of(item);
		return this.describe(
			this.userColdReason(picks.length),
			item,
			(model) => foldInOf(model).score(picks, single),
			(model) => foldInOf(model).explain(picks, item)
		);
	}

	learnedMetrics(): Record<string, number> {
		const { components, blendedCount, blend, fallback, fallbackIndex } = this.state;
		const metrics: Record<string, number> = { blendIntercept: blend.intercept };
		for (let index = 0; index < blendedCount; index++) metrics[`weight:${components[index].id}`] = blend.weights[index];
		if (this.settings.coldUserThreshold > 0 || this.settings.coldItemThreshold > 0) {
			metrics[`fallbackWeight:${components[fallbackIndex].id}`] = fallback.weight;
		}
		return metrics;
	}

	async save(): Promise<SavedModel> {
		const { components, blendedCount, blend, fallback, fallbackIndex, userCounts, itemCounts } = this.state;
		const arrays: NamedArray[] = [
			float32Array('blendIntercept', Float32Array.of(blend.intercept)),
			float32Array('blendWeights', Float32Array.from(blend.weights)),
			float32Array('fallbackBlend', Float32Array.of(fallback.intercept, fallback.weight)),
			int32Array('blendedCount', Int32Array.of(blendedCount)),
			int32Array('fallbackIndex', Int32Array.of(fallbackIndex)),
			int32Array('userCounts', userCounts),
			int32Array('itemCounts', itemCounts)
		];
		const strings: Record<string, string[]> = { componentTypes: components.map((component) => component.id) };
		for (const [index, { model }] of components.entries()) {
			const saved = await model.save();
			const prefix = `c${index}/`;
			for (const array of saved.arrays) arrays.push({ ...array, name: prefix + array.name });
			for (const [key, list] of Object.entries(saved.strings ?? {})) strings[prefix + key] = list;
			strings[`${prefix}config`] = [JSON.stringify(saved.config)];
			// TODO: a Layers component's topology (NCF) is dropped, so the hybrid's file has no model.json for tf.loadLayersModel; NCF reloads without it.
		}
		return { modelType: hybridType, config: { ...this.config }, numUsers: this.numUsers, numItems: this.numItems, arrays, strings };
	}

	dispose(): void {
		for (const { model } of this.state.components) model.dispose();
	}

	/** Returns why a user with `count` interactions is cold, or null when the blend applies. */
	private userColdReason(count: number): string | null {
		const threshold = this.settings.coldUserThreshold;
		return count < threshold ? `the user has ${count} interactions, fewer than ${threshold}` : null;
	}

	private itemColdReason(item: number): string | null {
		const threshold = this.settings.coldItemThreshold;
		const count = this.state.itemCounts[item];
		return count < threshold ? `the item has ${count} interactions, fewer than ${threshold}` : null;
	}

	/** Blends the components' scores, switching cold items (or all items of a cold user) to the fallback. */
	private async combine(userIsCold: boolean, items: Int32Array | undefined, scoresOf: ScoresOf): Promise<Float32Array> {
		const { components, blendedCount, blend, fallback, fallbackIndex } = this.state;
		const count = items ? items.length : this.numItems;
		const itemAt = (position: number) => (items ? items[position] : position);
		const isCold = (position: number) => userIsCold || this.itemColdReason(itemAt(position)) !== null;
		let anyCold = false;
		for (let position = 0; position < count && !anyCold; position++) anyCold = isCold(position);

		const componentScores: (Float32Array | null)[] = components.map(() => null);
		if (!userIsCold) {
			for (let index = 0; index < blendedCount; index++) componentScores[index] = await scoresOf(components[index].model);
		}
		if (anyCold && !componentScores[fallbackIndex]) componentScores[fallbackIndex] = await scoresOf(components[fallbackIndex].model);

		const scores = new Float32Array(count);
		for (let position = 0; position < count; position++) {
			if (isCold(position)) {
				scores[position] = fallback.intercept + fallback.weight * (componentScores[fallbackIndex] as Float32Array)[position];
				continue;
			}
			let total = blend.intercept;
			for (let index = 0; index < blendedCount; index++) total += blend.weights[index] * (componentScores[index] as Float32Array)[position];
			scores[position] = total;
		}
		return scores;
	}

	/** Builds the explanation with the same arithmetic as {@link combine}, so the parts sum to the score. */
	private async describe(userReason: string | null, item: number, scoreOf: ScoresOf, explainOf: ExplainOf): Promise<Explanation> {
		const { components, blendedCount, blend, fallback, fallbackIndex } = this.state;
		const reason = userReason ?? this.itemColdReason(item);
		const part = async (index: number, weight: number) => {
			const { id, model } = components[index];
			const score = (await scoreOf(model))[0];
			return { model: id, weight, score, contribution: weight * score, explanation: await explainOf(model) };
		};
		if (reason !== null) {
			return {
				kind: 'hybrid',
				intercept: fallback.intercept,
				components: [await part(fallbackIndex, fallback.weight)],
				switchedTo: components[fallbackIndex].id,
				switchReason: reason
			};
		}
		const parts = [];
		for (let index = 0; index < blendedCount; index++) parts.push(await part(index, blend.weights[index]));
		return { kind: 'hybrid', intercept: blend.intercept, components: parts };
	}
}

/** Returns the component's fold-in methods, or throws naming the component that lacks them. */
function foldInOf(model: FittedModel) {
	const { scoreNewUser, explainNewUser } = model;
	if (!scoreNewUser || !explainNewUser) {
		throw new Error(`the hybrid's component '${model.modelType}' cannot score a new user without retraining: choose components that can`);
	}
	return {
		score: (picks: NewUserPick[], items?: Int32Array) => scoreNewUser.call(model, picks, items),
		explain: (picks: NewUserPick[], item: number) => explainNewUser.call(model, picks, item)
	};
}

/** Rebuilds the hybrid and its components from a model saved by {@link HybridModel.save}. */
export async function restoreHybrid(saved: SavedModel, config: ModelConfig, specOf: (id: string) => ModelSpec): Promise<HybridModel> {
	const componentTypes = saved.strings?.componentTypes;
	if (!componentTypes || componentTypes.length === 0 || !componentTypes.every((id) => typeof id === 'string')) {
		throw new Error("hybrid model is missing its string list 'componentTypes': re-export the model");
	}
	const blendedCount = readInt32(saved, 'blendedCount', 1)[0];
	const fallbackIndex = readInt32(saved, 'fallbackIndex', 1)[0];
	if (!(blendedCount >= 1 && blendedCount <= componentTypes.length && fallbackIndex >= 0 && fallbackIndex < componentTypes.length)) {
		throw new Error(`hybrid model has invalid component indices (blended ${blendedCount}, fallback ${fallbackIndex}): re-export the model`);
	}
	const blendWeights = readFloat32(saved, 'blendWeights', blendedCount);
	const fallbackBlend = readFloat32(saved, 'fallbackBlend', 2);

	const components: HybridComponent[] = [];
	try {
		for (const [index, id] of componentTypes.entries()) {
			components.push({ id, model: await specOf(id).load(componentSaved(saved, index, id)) });
		}
	} catch (error) {
		for (const { model } of components) model.dispose();
		throw error;
	}
	return new HybridModel(config, {
		components,
		blendedCount,
		blend: { intercept: readFloat32(saved, 'blendIntercept', 1)[0], weights: Array.from(blendWeights) },
		fallbackIndex,
		fallback: { intercept: fallbackBlend[0], weight: fallbackBlend[1] },
		userCounts: readInt32(saved, 'userCounts', saved.numUsers),
		itemCounts: readInt32(saved, 'itemCounts', saved.numItems)
	});
}

/** Component `index`'s own saved model: its `c{index}/` arrays and strings with the prefix removed. */
function componentSaved(saved: SavedModel, index: number, id: string): SavedModel {
	const prefix = `c${index}/`;
	const configText = saved.strings?.[`${prefix}config`]?.[0];
	let config: ModelConfig;
	try {
		config = JSON.parse(configText ?? '');
	} catch {
		throw new Error(`hybrid component ${index} ('${id}') has no valid config string '${prefix}config': re-export the model`);
	}
	if (typeof config !== 'object' || config === null || Array.isArray(config)) {
		throw new Error(`hybrid component ${index} ('${id}') config is not an object: re-export the model`);
	}
	const arrays = saved.arrays.filter((array) => array.name.startsWith(prefix)).map((array) => ({ ...array, name: array.name.slice(prefix.length) }));
	const strings: Record<string, string[]> = {};
	for (const [key, list] of Object.entries(saved.strings ?? {})) {
		if (key.startsWith(prefix) && key !== `${prefix}config`) strings[key.slice(prefix.length)] = list;
	}
	return { modelType: id, config, numUsers: saved.numUsers, numItems: saved.numItems, arrays, strings };
}
