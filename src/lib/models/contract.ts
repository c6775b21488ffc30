/**
 * The recommender contract: every model folder under src/lib/models exports a
 * {@link ModelSpec}. Config (validated, plain JSON), learned state (named
 * tensors in a {@link SavedModel}) and the runtime object ({@link FittedModel})
 * are kept apart, so configs round-trip through storage and models through files.
 */
import type { FeedbackKind, Interactions, ItemMetadata } from '../data/types';

/** One documented hyperparameter; the UI builds its form and tooltips from this. */
export interface HyperParameter {
	key: string;
	label: string;
	/** What it controls, in a sentence. */
	description: string;
	unit?: string;
	type: 'int' | 'float' | 'choice';
	default: number | string;
	min?: number;
	max?: number;
	choices?: string[];
}

export type ModelConfig = Record<string, number | string>;

/** A training progress event: `done` of `total` steps in the current phase. */
export interface TrainProgress {
	phase: string;
	done: number;
	total: number;
	epoch?: number;
	/** Mean training loss of epoch `epoch`, sent once when that epoch ends, by models that have one. */
	loss?: number;
	/** Mean loss on the validation split carved from the training data, when the model has one. */
	validationLoss?: number;
	etaSeconds?: number;
}

/** The learned state after a finished epoch, from which an interrupted run can continue. */
export interface TrainingCheckpoint {
	/** Epochs finished, counting from 1. */
	epoch: number;
	arrays: NamedArray[];
}

export interface FitContext {
	signal?: AbortSignal;
	onProgress?: (progress: TrainProgress) => void;
	seed: number;
	/** Called after each epoch by models whose spec sets `supportsCheckpoints`; training waits for it. */
	onCheckpoint?: (checkpoint: TrainingCheckpoint) => Promise<void>;
	/** Continue from this checkpoint instead of starting afresh (same data, config and seed). */
	resumeFrom?: TrainingCheckpoint;
}

/** Training data as the models see it: interactions plus the dataset's feedback kind. */
export interface TrainData {
	interactions: Interactions;
	kind: FeedbackKind;
	/** Titles, genres, tags and text per item; content-based models need it, others ignore it. */
	items?: ItemMetadata | null;
}

/** A typed reason behind one recommendation; the UI draws it. */
export type Explanation =
	| { kind: 'popularity'; count: number; rank: number }
	| { kind: 'random' }
	| {
			kind: 'baseline';
			globalMean: number;
			userBias: number;
			itemBias: number;
	  }
	| {
			kind: 'neighbours';
			/** 'items': the user's own items similar to this one; 'users': similar users who rated this item. */
			mode: 'items' | 'users';
			/** Baseline the neighbours' deviations are added to (explicit mode), or 0 (implicit mode). */
			baseline: number;
			/** Exactly the neighbours used for the score, with similarity and the value that entered the score. */
			neighbours: { index: number; similarity: number; value: number }[];
			/** Set when the score fell back (no neighbours, unknown user), with the reason. */
			fallback?: string;
	  }
	| {
			kind: 'content';
			/** Features shared by the item and the user's profile, with their contribution to the cosine score. */
			features: { feature: string; weight: number }[];
	  }
	| {
			kind: 'item-similarity';
			/** EASE and similar item-item models: the user's items with their learned weights toward this item. */
			contributions: { index: number; weight: number }[];
	  }
	| {
			kind: 'latent-factors';
			globalMean: number;
			userBias: number;
			itemBias: number;
			/** Per-dimension products userFactor[d] * itemFactor[d], largest magnitude first. */
			dimensions: { dimension: number; contribution: number }[];
	  }
	| {
			kind: 'neural';
			/** Contribution of the GMF path to the output layer's pre-activation value (the logit for the ranking objective). */
			gmfShare: number;
			/** Contribution of the MLP path; gmfShare + mlpShare + bias is exactly that pre-activation value. */
			mlpShare: number;
			/** Output layer bias: 0 for the ranking objective, which has none; near the mean rating for the rating objective. */
			bias: number;
			/** Items nearest to this one by cosine similarity of their item embeddings, most similar first. */
			nearestItems: { index: number; similarity: number }[];
	  }
	| {
			kind: 'autoencoder';
			/** Reconstructed rating of the user's cell in the item's vector, or the global mean when `fallback` is set. */
			prediction: number;
			globalMean: number;
			/** Training ratings in the item's input vector. */
			inputRatings: number;
			/** Set when the score fell back to the global mean (user or item without training ratings), with the reason. */
			fallback?: string;
	  }
	| {
			kind: 'hybrid';
			/** Learned constant of the blend; it plus every component's contribution is exactly the hybrid's score. */
			intercept: number;
			/** Components that entered the score: weight × score = contribution, with each component's own explanation. */
			components: { model: string; weight: number; score: number; contribution: number; explanation: Explanation }[];
			/** Model id of the cold-start fallback when the switching rule replaced the blend for this user or item. */
			switchedTo?: string;
			/** Reason the switching rule applied, such as "the user has 2 interactions, fewer than 5". */
			switchReason?: string;
	  };

/** One item a new user picked, with the value it enters the model with: a rating, or 1 for implicit data. */
export interface NewUserPick {
	item: number;
	value: number;
}

export interface ScoredItem {
	item: number;
	score: number;
}

/** One named tensor of learned state, as plain data. */
export interface NamedArray {
	name: string;
	shape: number[];
	dtype: 'float32' | 'int32';
	data: Float32Array | Int32Array;
}

/** Learned state plus what is needed to rebuild the runtime object. */
export interface SavedModel {
	modelType: string;
	config: ModelConfig;
	numUsers: number;
	numItems: number;
	arrays: NamedArray[];
	/** Named string lists (a content model's feature vocabulary); the model file's manifest must carry them. */
	strings?: Record<string, string[]>;
	/** Layers models: the model.json `modelTopology` (model.toJSON), so tf.loadLayersModel can read the model file. */
	topology?: unknown;
}

/** A trained model, ready to score. Methods that return promises may run tensor code. */
export interface FittedModel {
	readonly modelType: string;
	readonly config: ModelConfig;
	/** Predicted score of each item for one user (all items when `items` is omitted). */
	score(user: number, items?: Int32Array): Promise<Float32Array>;
	/** Top-k items by score, excluding the given item indices. */
	recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]>;
	explain(user: number, item: number): Promise<Explanation>;
	save(): Promise<SavedModel>;
	/** Frees any tensors the model holds. */
	dispose(): void;
	/**
	 * Fold-in for a user outside the training data: scores every item (or `items`) for
	 * a user known only by `picks`, without retraining. Factor models solve the user's
	 * vector against the fixed item vectors; neighbourhood, content and item-item models
	 * use the picks as the user's row. Absent on models that cannot do this.
	 */
	scoreNewUser?(picks: NewUserPick[], items?: Int32Array): Promise<Float32Array>;
	/** Explains {@link scoreNewUser}'s score of `item` for the same picks; present whenever scoreNewUser is. */
	explainNewUser?(picks: NewUserPick[], item: number): Promise<Explanation>;
	/** Numbers learned in training that the model record's metrics show, such as a hybrid's blend weights (`weight:biased-mf`). */
	learnedMetrics?(): Record<string, number>;
}

export interface ModelSpec {
	id: string;
	label: string;
	description: string;
	supports: FeedbackKind[];
	/** True when the model predicts ratings on the dataset's scale, so RMSE and MAE apply. */
	predictsRatings: boolean;
	/** True when fit needs `TrainData.items` (titles, genres, tags or descriptions) and rejects data without it. */
	requiresItemMetadata?: boolean;
	/** True when fit reports `FitContext.onCheckpoint` after each epoch and honours `resumeFrom`. */
	supportsCheckpoints?: boolean;
	hyperParameters: HyperParameter[];
	fit(data: TrainData, config: ModelConfig, context: FitContext): Promise<FittedModel>;
	load(saved: SavedModel): Promise<FittedModel>;
}
