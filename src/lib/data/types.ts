/**
 * Core data types shared by ingest, storage, training and the UI.
 * Everything here is plain data (typed arrays, strings, numbers), so it can be
 * structured-cloned between the page and workers and stored in IndexedDB.
 */

/** Whether values are ratings on a scale or implicit signals (counts, clicks, 1 for "seen"). */
export type FeedbackKind = 'explicit' | 'implicit';

/**
 * Interactions as parallel columns: row `r` says user `users[r]` gave item
 * `items[r]` the value `values[r]` at time `times[r]`.
 * User and item indices are dense (0..numUsers-1, 0..numItems-1); the external
 * string ids live in {@link IdMaps}.
 */
export interface Interactions {
	users: Int32Array;
	items: Int32Array;
	/** A rating, a count, or 1 for implicit feedback. */
	values: Float32Array;
	/** Epoch milliseconds, or null when the source has no time column. */
	times: Float64Array | null;
	numUsers: number;
	numItems: number;
}

/** External ids, kept as the strings found in the file, indexed by dense index. */
export interface IdMaps {
	userIds: string[];
	itemIds: string[];
}

/** Per-item metadata, indexed by dense item index. Missing entries are empty strings or arrays. */
export interface ItemMetadata {
	titles: string[];
	genres: string[][];
	/** Item ids from the metadata file that no interaction refers to. */
	unmatchedIds: number;
}

/** The rating scale seen in an explicit dataset. */
export interface RatingScale {
	min: number;
	max: number;
	/** Smallest positive gap between distinct values, such as 0.5 or 1. */
	step: number;
}

/** Which source column feeds which field; indices are 0-based column positions. */
export interface ColumnMapping {
	user: number;
	item: number;
	/** Null for files without a value column: every row then counts as 1 (implicit). */
	rating: number | null;
	timestamp: number | null;
}

/** How a delimited text file is read. */
export interface ParseOptions {
	/** One or more characters, such as ',', '\t', '|', ';' or '::'. */
	delimiter: string;
	hasHeader: boolean;
	encoding: 'utf-8' | 'latin1' | 'utf-16le' | 'utf-16be';
}

/** Rows left out at ingest, by reason, with the first few examples. */
export interface DroppedRows {
	reason: string;
	count: number;
	/** Up to five examples: 1-based line number in the file and the raw line or value. */
	examples: { line: number; value: string }[];
}

/** What ingest did to the source, shown to the user and stored with the dataset. */
export interface ImportReport {
	rowsRead: number;
	rowsKept: number;
	dropped: DroppedRows[];
	duplicatesMerged: number;
	warnings: string[];
}

/** A fully parsed dataset, in memory, before or after storage. */
export interface Dataset {
	id: string;
	name: string;
	kind: FeedbackKind;
	scale: RatingScale | null;
	interactions: Interactions;
	ids: IdMaps;
	items: ItemMetadata | null;
	sourceFiles: string[];
	mapping: ColumnMapping;
	report: ImportReport;
	createdAt: number;
}

/** The dataset without its big arrays: what lists and headers need. */
export type DatasetSummary = Omit<Dataset, 'interactions' | 'ids' | 'items'> & {
	numUsers: number;
	numItems: number;
	numInteractions: number;
	hasItemMetadata: boolean;
	hasTimes: boolean;
};

/** Progress of a long task, reported by workers. */
export interface Progress {
	phase: string;
	done: number;
	total: number;
}
