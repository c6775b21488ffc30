/**
 * Content-based recommender on TF-IDF vectors of item metadata (features.ts).
 * A user's profile sums the vectors of the user's items, each weighted by the
 * rating minus the user's mean rating (by 1 for implicit data). The score is the
 * cosine between the profile and the item's vector. It scores items that
 * nobody rated, as long as they have metadata. Plain TypeScript on sparse
 * vectors: a dense items × features tensor would mostly hold zeros.
 */
import type { Explanation, FittedModel, HyperParameter, ModelConfig, ModelSpec, SavedModel, ScoredItem } from '../contract';
import {
	buildCsr,
	checkItem,
	checkModelType,
	checkUser,
	csrArrays,
	int32Array,
	readCsr,
	readInt32,
	recommendFromScores,
	resolveConfig,
	type Csr
} from '../baselines/common';
import { buildItemVectors, type FeatureWeights } from './features';
import { contentFoldIn } from './fold-in';

const modelType = 'content';

const sourceWeight = (key: string, label: string, source: string, fallback: number): HyperParameter => ({
	key,
	label,
	description: `Multiplies the TF-IDF weights of ${source} before each item vector is normalised; 0 ignores them.`,
	type: 'float',
	default: fallback,
	min: 0,
	max: 10
});

export const contentHyperParameters: HyperParameter[] = [
	sourceWeight('genreWeight', 'Genre weight', 'genres', 1),
	sourceWeight('tagWeight', 'Tag weight', 'tags', 1),
	sourceWeight('titleWeight', 'Title weight', 'title words', 0.5),
	sourceWeight('descriptionWeight', 'Description weight', 'description words', 0.5),
	{
		key: 'minFeatureItems',
		label: 'Minimum items per feature',
		description: 'Features (genres, tags, words) found in fewer items are dropped; a feature of one item cannot link it to another.',
		unit: 'items',
		type: 'int',
		default: 2,
		min: 1,
		max: 10000
	}
];

interface ContentState {
	vocabulary: string[];
	/** Items × features, each row of unit length. */
	vectors: Csr;
	/** Ratings by user. */
	ratings: Csr;
	/** Explicit data weights items by rating minus the user's mean; implicit data by 1. */
	explicit: boolean;
}

class ContentModel implements FittedModel {
	readonly modelType = modelType;
	private readonly numUsers: number;
	private readonly numItems: number;

	constructor(
		readonly config: ModelConfig,
		private readonly state: ContentState
	) {
		this.numUsers = state.ratings.offsets.length - 1;
		this.numItems = state.vectors.offsets.length - 1;
		Object.assign(this, contentFoldIn(state));
	}

	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		checkUser(user, this.numUsers);
		items?.forEach((item) => checkItem(item, this.numItems));
		const { profile, norm } = this.profile(user);
		const count = items ? items.length : this.numItems;
		const scores = new Float32Array(count);
		if (norm === 0) return scores;
		const { offsets, indices, values } = this.state.vectors;
		for (let position = 0; position < count; position++) {
			const item = items ? items[position] : position;
			let dot = 0;
			for (let entry = offsets[item]; entry < offsets[item + 1]; entry++) dot += profile[indices[entry]] * values[entry];
			scores[position] = dot / norm;
		}
		return scores;
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	/** Lists the item's features with their share of the cosine score, largest magnitude first. The weights sum to the score. */
	async explain(user: number, item: number): Promise<Explanation> {
		checkUser(user, this.numUsers);
		checkItem(item, this.numItems);
		const { profile, norm } = this.profile(user);
		const { offsets, indices, values } = this.state.vectors;
		const features: { feature: string; weight: number }[] = [];
		for (let entry = offsets[item]; entry < offsets[item + 1] && norm > 0; entry++) {
			const weight = (profile[indices[entry]] * values[entry]) / norm;
			if (weight !== 0) features.push({ feature: this.state.vocabulary[indices[entry]], weight });
		}
		features.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
		return { kind: 'content', features };
	}

	async save(): Promise<SavedModel> {
		return {
			modelType,
			config: { ...this.config },
			numUsers: this.numUsers,
			numItems: this.numItems,
			arrays: [
				...csrArrays('itemFeatures', this.state.vectors),
				...csrArrays('ratings', this.state.ratings),
				int32Array('explicitFeedback', Int32Array.of(this.state.explicit ? 1 : 0))
			],
			strings: { vocabulary: [...this.state.vocabulary] }
		};
	}

	dispose(): void {}

	/** The user's profile over the vocabulary and its L2 norm. */
	private profile(user: number): { profile: Float64Array; norm: number } {
		const { ratings, vectors, explicit } = this.state;
		const profile = new Float64Array(this.state.vocabulary.length);
		const start = ratings.offsets[user];
		const end = ratings.offsets[user + 1];
		let mean = 0;
		for (let entry = start; entry < end; entry++) mean += ratings.values[entry];
		mean = end > start ? mean / (end - start) : 0;

		for (let entry = start; entry < end; entry++) {
			const item = ratings.indices[entry];
			const weight = explicit ? ratings.values[entry] - mean : 1;
			for (let feature = vectors.offsets[item]; feature < vectors.offsets[item + 1]; feature++) {
				profile[vectors.indices[feature]] += weight * vectors.values[feature];
			}
		}
		let squares = 0;
		for (const value of profile) squares += value * value;
		return { profile, norm: Math.sqrt(squares) };
	}
}

export const contentSpec: ModelSpec = {
	id: modelType,
	label: 'Content-based (TF-IDF)',
	description:
		'Recommends items whose genres, tags, title and description words resemble those of the items the user liked, so it can recommend items nobody has rated.',
	supports: ['explicit', 'implicit'],
	predictsRatings: false,
	requiresItemMetadata: true,
	hyperParameters: contentHyperParameters,

	async fit(data, config) {
		const resolved = resolveConfig(modelType, contentHyperParameters, config);
		const { interactions, items } = data;
		if (!items) {
			throw new Error('the content-based model needs item metadata (titles, genres, tags or descriptions): import an items file with the ratings');
		}
		if (items.titles.length !== interactions.numItems || items.genres.length !== interactions.numItems) {
			throw new Error(
				`item metadata lists ${items.titles.length} titles and ${items.genres.length} genre lists for ${interactions.numItems} items: rebuild the dataset`
			);
		}
		const { vocabulary, vectors } = buildItemVectors(items, interactions.numItems, resolved as unknown as FeatureWeights);
		if (vocabulary.length === 0) {
			throw new Error(
				`item metadata has no feature shared by ${resolved.minFeatureItems} items: lower minFeatureItems or add genres, tags or descriptions`
			);
		}
		const ratings = buildCsr(interactions.users, interactions.items, interactions.values, interactions.numUsers, interactions.numItems);
		return new ContentModel(resolved, { vocabulary, vectors, ratings, explicit: data.kind === 'explicit' });
	},

	async load(saved) {
		checkModelType(saved, modelType);
		const resolved = resolveConfig(modelType, contentHyperParameters, saved.config);
		const vocabulary = saved.strings?.vocabulary;
		if (!vocabulary || !vocabulary.every((name) => typeof name === 'string')) {
			throw new Error("content model is missing its string list 'vocabulary': re-export the model");
		}
		return new ContentModel(resolved, {
			vocabulary: [...vocabulary],
			vectors: readCsr(saved, 'itemFeatures', saved.numItems, vocabulary.length),
			ratings: readCsr(saved, 'ratings', saved.numUsers, saved.numItems),
			explicit: readInt32(saved, 'explicitFeedback', 1)[0] === 1
		});
	}
};
