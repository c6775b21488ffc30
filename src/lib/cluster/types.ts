/**
 * Types of user and item segmentation: what is clustered, on which features,
 * and the stored result that the cluster map and profiles read. Plain data, so
 * it crosses the worker boundary and is stored in IndexedDB as it is.
 */

export type SegmentEntity = 'users' | 'items';

/** Where the feature vectors come from. */
export type FeatureSource =
	/** The user or item factors of a trained factor model (biased MF, ALS, BPR…). */
	| { kind: 'model-factors'; modelId: string }
	/** TF-IDF vectors of genres, tags, title words and text (items; users get the mean of what they rated). */
	| { kind: 'content' }
	/** Rows of the user × item interaction matrix reduced to `components` dimensions by truncated SVD/PCA on tfjs. */
	| { kind: 'interactions-svd'; components: number };

export type ProjectionMethod = 'pca' | 'umap';

export interface SegmentationRequest {
	datasetId: string;
	entity: SegmentEntity;
	features: FeatureSource;
	/** Number of clusters, or 'auto' to pick it from the silhouette over `kRange`. */
	k: number | 'auto';
	/** Range of k for the silhouette and elbow curves, inclusive. */
	kRange: [number, number];
	seed: number;
	projection: ProjectionMethod;
	/** Points clustered directly; the rest are assigned to the nearest centroid. */
	sampleSize: number;
	/** Points UMAP embeds directly (the rest are interpolated from their nearest neighbours); default 5,000. Ignored by PCA. */
	projectionSampleSize?: number;
}

/** Silhouette and within-cluster sum of squares for one k, for the curves that suggest k. */
export interface KScore {
	k: number;
	silhouette: number;
	inertia: number;
}

export interface ClusterProfile {
	cluster: number;
	size: number;
	/** Mean rating given (users) or received (items); null for implicit data. */
	meanRating: number | null;
	/** Mean number of interactions per member. */
	meanActivity: number;
	/** Genres or tags over-represented in the cluster: share inside, share overall, and lift = inside / overall. */
	topFeatures: {
		feature: string;
		share: number;
		overallShare: number;
		lift: number;
		/** Whether the feature is a genre or a tag; absent in results stored before it existed. */
		kind?: 'genre' | 'tag';
	}[];
	/** Members nearest the centroid, by dense index. */
	typical: number[];
}

export interface SegmentationResult {
	id: string;
	datasetId: string;
	entity: SegmentEntity;
	features: FeatureSource;
	/** How the features were prepared, in a sentence (e.g. "standardised per dimension (z-scores)"). */
	preparation: string;
	k: number;
	kScores: KScore[];
	/** Cluster per point, by dense user or item index. */
	assignments: Int32Array;
	/** 2-D layout, x and y interleaved, by dense index. */
	coordinates: Float32Array;
	projection: ProjectionMethod;
	profiles: ClusterProfile[];
	createdAt: number;
	seconds: { features: number; clustering: number; projection: number };
}
