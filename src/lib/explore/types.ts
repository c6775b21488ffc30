/**
 * Descriptive statistics of a dataset, as computed by `computeDatasetStats`
 * and drawn by the Explore page. It is plain data, so it crosses the worker
 * boundary by structured clone. Every list is bounded (a few thousand entries
 * at most) whatever the dataset's size.
 */
import type { FeedbackKind, RatingScale } from '../data/types';

/**
 * One bar of a histogram: values in [low, high), except that a bar with
 * low === high counts exactly that value (a rating on the scale).
 */
export interface HistogramBar {
	/** Axis label, such as "4", "8–15" or "3.5". */
	label: string;
	low: number;
	high: number;
	count: number;
}

/** Minimum, arithmetic mean and maximum of a list of numbers. */
export interface ValueRange {
	min: number;
	mean: number;
	max: number;
}

/** Minimum, median, arithmetic mean and maximum of a list of counts. */
export interface Spread {
	min: number;
	median: number;
	mean: number;
	max: number;
}

/** One sampled point of the popularity curve: the item at 1-based `rank` has `count` interactions. */
export interface RankedCount {
	rank: number;
	count: number;
}

/** Interactions in one calendar bucket (UTC) that starts at `start`, in epoch milliseconds. */
export interface TimeBucket {
	start: number;
	count: number;
}

/** How often a genre or tag occurs. */
export interface LabelFrequency {
	label: string;
	/** Items that carry the label. */
	items: number;
	/** Interactions with those items. */
	interactions: number;
}

/** Users or items with fewer than `threshold` interactions. */
export interface ColdCount {
	threshold: number;
	count: number;
}

export interface PopularityStats {
	/**
	 * Item interaction counts sorted descending, at most about 2,000 points:
	 * the first 1,000 ranks exactly, then log-spaced ranks to the last item.
	 */
	points: RankedCount[];
	/** Items counted: those in the interactions, including any with zero rows. */
	items: number;
	/** Share (0–1) of interactions that go to the top 1%, 10% and 20% of items, each rounded up to at least one item. */
	topShares: { percent: number; share: number }[];
	/**
	 * Gini coefficient of item counts (0: every item equally popular; towards 1:
	 * a few items take everything), G = Σ(2i − n − 1)·xᵢ / (n·Σxᵢ) with xᵢ ascending and i 1-based.
	 */
	gini: number;
}

export interface TimelineStats {
	/** 'day' when the data spans at most 180 days, otherwise 'month'. */
	unit: 'day' | 'month';
	/** Every bucket from the first to the last interaction, including empty ones. */
	buckets: TimeBucket[];
	first: number;
	last: number;
	/** Rows whose time is not a finite number; they are left out of the buckets. */
	missing: number;
}

export interface LabelStats {
	/** The 30 most frequent labels by interactions, ties broken by items, then alphabetically. */
	top: LabelFrequency[];
	/** Distinct labels in the whole catalogue. */
	distinct: number;
	/** Items in the interactions that carry no label. */
	unlabelledItems: number;
}

export interface DatasetStats {
	numUsers: number;
	numItems: number;
	numInteractions: number;
	/** numInteractions / (numUsers × numItems), 0 for an empty dataset. */
	density: number;
	kind: FeedbackKind;
	scale: RatingScale | null;

	/** Range of the stored values (ratings, counts, or 1); all 0 for an empty dataset. */
	values: ValueRange;
	/**
	 * Explicit with a scale: one bar per value on the scale, off-grid values
	 * rounded to the nearest step. Implicit: power-of-two bins of the values.
	 */
	valueHistogram: { binning: 'scale' | 'log2' | 'linear'; bars: HistogramBar[] };

	popularity: PopularityStats;
	/** Interactions per user in power-of-two bins. */
	userActivity: { bars: HistogramBar[]; spread: Spread };
	/** Interactions per item. */
	itemActivity: Spread;

	/** Null when the dataset has no time column. */
	timeline: TimelineStats | null;
	/** Null without item metadata, or when the metadata has no genres (or tags) at all. */
	genres: LabelStats | null;
	tags: LabelStats | null;

	/**
	 * Users with fewer than 1, 5 and 10 interactions (that is 0, ≤ 4 and ≤ 9).
	 * Every user in a dataset has at least one interaction unless a filter removed them later, so the first is usually 0.
	 */
	coldUsers: ColdCount[];
	/**
	 * Items likewise, where items in the metadata file that no interaction refers
	 * to (ItemMetadata.unmatchedIds) count as items with 0 interactions.
	 */
	coldItems: ColdCount[];
	/** Items in the catalogue: numItems plus metadata-only items. */
	catalogueItems: number;

	/** Explicit only: histograms of each user's and each item's mean rating, over those with at least one rating. */
	meanRatings: { users: HistogramBar[]; items: HistogramBar[] } | null;
}
