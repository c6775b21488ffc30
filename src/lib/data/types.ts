/**
 * Core data types shared by ingest, storage, training and the UI.
 * Everything here is plain data (typed arrays, strings, numbers), so it can be
 * structured-cloned between the page and workers and stored in IndexedDB.
 */

/** Whether values are ratings on a scale or implicit signals (counts, clicks, 1 for "seen"). */
export type FeedbackKind = 'explicit' | 'implicit';

/**
 * Interactions as parallel columns: row `r` records that user `users[r]` gave item
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
	/** Free-text tags per item (from a tags column or a separate tags file), lower-cased and de-duplicated. */
	tags?: string[][];
	/** Free-text description per item, empty when absent. */
	descriptions?: string[];
	/** Authors or creators per item (books), empty when absent. */
	creators?: string[][];
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

/** Source column of each field, as 0-based column positions. */
export interface ColumnMapping {
	user: number;
	item: number;
	/** Null for files without a value column: every row then counts as 1 (implicit). */
	rating: number | null;
	timestamp: number | null;
}

/**
 * Row layout of a file.
 * - 'delimited': one interaction per row.
 * - 'netflix-blocks': a `MovieID:` line, then `user,rating,date` rows for that movie (Netflix Prize).
 * - 'wide-matrix': one row per user and one column per item, with a marker for missing cells (Jester).
 */
export type FileLayout = 'delimited' | 'netflix-blocks' | 'wide-matrix';

/** Order of day and month in dates such as 03/04/2015 or 21-07-2015. */
export type DateOrder = 'dmy' | 'mdy';

/** Settings for reading a delimited text file. */
export interface ParseOptions {
	/** One or more characters, such as ',', '\t', '|', ';' or '::'. */
	delimiter: string;
	hasHeader: boolean;
	encoding: 'utf-8' | 'latin1' | 'utf-16le' | 'utf-16be';
	/** Row layout; default 'delimited'. */
	layout?: FileLayout;
	/**
	 * Whether '"' starts a quoted field (RFC 4180); default true. False reads quote
	 * characters as text, as tab-separated files without quoting need: Last.fm's
	 * artists.dat has the name `"Weird Al" Yankovic`.
	 */
	quoting?: boolean;
	/**
	 * Character that escapes a quote inside a quoted field: '"' (RFC 4180, `""`, the default)
	 * or '\\' (`\"`, as in MySQL exports such as Book-Crossing).
	 */
	escapeChar?: '"' | '\\';
	/**
	 * Day and month order of the timestamp column's dates written as DD/MM/YYYY, MM/DD/YYYY
	 * or with '-' or '.' separators, with an optional HH:MM[:SS] time read as UTC.
	 * Null or absent: such dates are invalid, because one value cannot show its order.
	 * Epoch numbers and ISO 8601 dates are read whatever this is.
	 */
	dateOrder?: DateOrder | null;
	/** 'wide-matrix' only: the cell value that means "not rated", such as '99' (Jester). Empty cells are always missing. */
	missingValue?: string;
	/**
	 * 'wide-matrix' only: what the first column holds. 'count': the number of rated cells in the row
	 * (Jester), skipped. 'user': the user id. 'value': an item like the others, with users numbered by row.
	 * Absent: 'count' when the first row's first cell equals its number of rated cells, else 'value'.
	 */
	firstColumn?: 'count' | 'user' | 'value';
}

/** Rows left out at ingest, by reason, with the first few examples. */
export interface DroppedRows {
	reason: string;
	count: number;
	/** Up to five examples: 1-based line number in the file and the raw line or value. */
	examples: { line: number; value: string }[];
}

/** Record of what ingest did to the source, shown to the user and stored with the dataset. */
export interface ImportReport {
	rowsRead: number;
	rowsKept: number;
	/** Rows left out while parsing (invalid values) and by the settings (filters, conventions), by reason. */
	dropped: DroppedRows[];
	duplicatesMerged: number;
	/** The policy that merged them; absent in datasets stored before settings existed. */
	duplicatePolicy?: DuplicatePolicy;
	/**
	 * Item metadata rows whose id matches no interaction, and interactions' items without metadata.
	 * `examples` holds up to five ids: items without metadata first, then metadata ids without interactions.
	 */
	unmatchedMetadata?: {
		metadataRowsWithoutInteractions: number;
		itemsWithoutMetadata: number;
		examples: string[];
		/** Up to five interaction item ids that have no metadata row. */
		itemsWithoutMetadataExamples?: string[];
		/** Up to five metadata ids that no interaction refers to. */
		metadataWithoutInteractionsExamples?: string[];
	};
	/** Ids that look damaged (such as Excel's 1.23E+16), with examples. */
	suspiciousIds?: { column: 'user' | 'item'; count: number; examples: string[] }[];
	/** The settings the dataset was built with. */
	settings?: ImportSettings;
	/** Settings the data suggests (such as `zeroMeans: 'implicit'` for Book-Crossing), for the UI to offer; each has a warning that explains it. */
	suggestedSettings?: Partial<ImportSettings>;
	warnings: string[];
}

/** Rule for merging repeated user–item pairs into one interaction. */
export type DuplicatePolicy = 'last' | 'first' | 'mean' | 'sum';

/**
 * Choices the user confirms in the import report before anything is stored.
 * Changing them rebuilds the dataset from the parsed rows without parsing again.
 */
export interface ImportSettings {
	/** 'auto' keeps the detected kind; the user can override it. */
	feedback: 'auto' | 'explicit' | 'implicit';
	duplicates: DuplicatePolicy;
	/** Book-Crossing convention: a value of 0 records an implicit interaction, not a rating of 0. */
	zeroMeans: 'rating' | 'implicit';
	/** MyAnimeList convention: -1 means watched but not rated. */
	minusOneMeans: 'rating' | 'unrated';
	/** With implicit feedback: values at or above this become positives (1) and the rest are dropped; null keeps every row. */
	positiveThreshold: number | null;
	/** With implicit feedback: keep counts (plays, purchases) as confidence weights, or set every value to 1. */
	implicitValues: 'counts' | 'binary';
	/** k-core filter: users and items with fewer interactions are removed, repeatedly, until none remain below. */
	minUserInteractions: number;
	minItemInteractions: number;
	/** Rows whose value lies outside [min, max] are dropped; null leaves that side open. */
	valueRange: { min: number | null; max: number | null };
	/**
	 * Purchase logs: 'drop' removes rows with a negative value (cancellations and returns in a
	 * quantity column). Absent or 'keep' keeps them, as Jester's -10..10 ratings need.
	 */
	negativeValues?: 'keep' | 'drop';
}

export const DEFAULT_IMPORT_SETTINGS: ImportSettings = {
	feedback: 'auto',
	duplicates: 'last',
	zeroMeans: 'rating',
	minusOneMeans: 'rating',
	positiveThreshold: null,
	implicitValues: 'counts',
	minUserInteractions: 1,
	minItemInteractions: 1,
	valueRange: { min: null, max: null }
};

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
