/**
 * Recognition of a column's role from its header name or its values.
 * Used by the sniffer for ratings files and by the item-metadata reader.
 */
import { looksLikeTimestamp, parseNumber } from './values';

export type ColumnRole = 'user' | 'item' | 'rating' | 'timestamp' | 'title' | 'genres' | 'tags' | 'description' | 'creator';

/**
 * Header names per role, compared after lower-casing and removing everything
 * but letters and digits, so "user_id", "UserID" and "User-ID" all read "userid".
 */
const HEADER_NAMES: Record<ColumnRole, readonly string[]> = {
	user: ['userid', 'user', 'uid', 'customerid', 'customer', 'memberid', 'membernumber', 'reviewerid'],
	item: [
		'movieid',
		'itemid',
		'item',
		'isbn',
		'artistid',
		'bookid',
		'productid',
		'asin',
		'stockcode',
		'trackid',
		'songid',
		'gameid',
		'jokeid',
		'animeid',
		'iid'
	],
	rating: ['rating', 'score', 'weight', 'value', 'count', 'plays', 'playcount', 'bookrating', 'stars', 'quantity', 'hours'],
	timestamp: ['timestamp', 'time', 'date', 'ts', 'datetime', 'eventtime', 'invoicedate', 'unixreviewtime'],
	title: ['title', 'name', 'movietitle', 'booktitle', 'originaltitle'],
	genres: ['genres', 'genre', 'categories', 'category'],
	tags: ['tags', 'tag', 'keywords'],
	description: ['description', 'overview', 'plot', 'summary', 'synopsis'],
	creator: ['authors', 'author', 'bookauthor', 'creator', 'creators', 'director', 'directors']
};

/** Normalises a header cell for matching: lower case, letters and digits only. */
export function normaliseHeaderName(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Returns the role a header name stands for, or null when it is not a known name. */
export function roleOfHeaderName(name: string): ColumnRole | null {
	const normalised = normaliseHeaderName(name);
	for (const role of Object.keys(HEADER_NAMES) as ColumnRole[]) {
		if (HEADER_NAMES[role].includes(normalised)) return role;
	}
	return null;
}

/**
 * Finds the column whose header names `role`, or null. A header equal to the
 * role's first name wins over the others, so "title" beats an earlier "original_title".
 */
export function findColumnByName(header: string[], role: ColumnRole): number | null {
	const preferred = header.findIndex((name) => normaliseHeaderName(name) === HEADER_NAMES[role][0]);
	if (preferred >= 0) return preferred;
	const index = header.findIndex((name) => roleOfHeaderName(name) === role);
	return index >= 0 ? index : null;
}

/** Counts of what the values of one column look like. */
export interface ColumnProfile {
	nonEmpty: number;
	numeric: number;
	timestampLike: number;
	/** Values that are 0 or 1, as in genre flag columns. */
	binary: number;
	/** Text values with a space, as titles have. */
	withSpace: number;
}

/** Describes each column of `rows` by the kinds of values it contains. */
export function profileColumns(rows: string[][], columnCount: number): ColumnProfile[] {
	const profiles: ColumnProfile[] = [];
	for (let column = 0; column < columnCount; column++) {
		const profile: ColumnProfile = { nonEmpty: 0, numeric: 0, timestampLike: 0, binary: 0, withSpace: 0 };
		for (const row of rows) {
			const value = (row[column] ?? '').trim();
			if (value === '') continue;
			profile.nonEmpty++;
			const number = parseNumber(value);
			if (!Number.isNaN(number)) profile.numeric++;
			if (number === 0 || number === 1) profile.binary++;
			if (looksLikeTimestamp(value)) profile.timestampLike++;
			if (Number.isNaN(number) && value.includes(' ')) profile.withSpace++;
		}
		profiles.push(profile);
	}
	return profiles;
}

/** Tells whether at least 90% of a column's non-empty values satisfy a count in its profile. */
export function isMostly(profile: ColumnProfile, count: number): boolean {
	return profile.nonEmpty > 0 && count >= profile.nonEmpty * 0.9;
}

/** Returns the default names for a file without a header: "column 1", "column 2"… */
export function defaultColumnNames(count: number): string[] {
	return Array.from({ length: count }, (_, index) => `column ${index + 1}`);
}
