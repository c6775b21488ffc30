/**
 * What the cluster map shows about each point besides its place: external id,
 * title (items), genre, mean rating and activity. They are computed on the page
 * from a loaded dataset when it is small. For large datasets only the id maps and
 * item metadata are read, so colouring by rating or activity is unavailable there.
 */
import type { Dataset, IdMaps, ItemMetadata } from '$lib/data/types';
import type { SegmentEntity } from '$lib/cluster/types';
import { formatCount } from '$lib/format';

/** Genres beyond this many (by number of points) are not tracked per user. */
const MAX_GENRES = 64;

export interface PointAttributes {
	entity: SegmentEntity;
	ids: string[];
	/** Item titles, by dense index; null for users. */
	titles: string[] | null;
	/** Genre per point as an index into `genreNames` (items: first genre; users: most-rated genre), -1 for none. */
	genre: Int32Array | null;
	/** Genre names, most frequent first. */
	genreNames: string[];
	/** All genres per item, for summaries of a selection of items. */
	itemGenres: string[][] | null;
	/** Mean rating given (users) or received (items); NaN without ratings; null for implicit data or when not computed. */
	meanRating: Float32Array | null;
	/** Interactions per user or per item; null when not computed. */
	activity: Float32Array | null;
}

/** Genre names of the items, ordered by how many items carry each. */
function rankGenres(items: ItemMetadata | null): string[] {
	const counts = new Map<string, number>();
	for (const genres of items?.genres ?? []) for (const genre of genres) counts.set(genre, (counts.get(genre) ?? 0) + 1);
	return [...counts.entries()]
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.map(([genre]) => genre);
}

function firstGenres(items: ItemMetadata | null, names: string[], count: number): Int32Array {
	const position = new Map(names.map((name, index) => [name, index]));
	const genre = new Int32Array(count).fill(-1);
	for (let item = 0; item < count; item++) {
		const first = items?.genres[item]?.[0];
		if (first !== undefined) genre[item] = position.get(first) ?? -1;
	}
	return genre;
}

/** Attributes from the id maps and item metadata alone (no interactions). */
export function attributesFromExtras(extras: { ids: IdMaps; items: ItemMetadata | null }, entity: SegmentEntity): PointAttributes {
	const genreNames = rankGenres(extras.items);
	if (entity === 'users') {
		return { entity, ids: extras.ids.userIds, titles: null, genre: null, genreNames, itemGenres: null, meanRating: null, activity: null };
	}
	const count = extras.ids.itemIds.length;
	return {
		entity,
		ids: extras.ids.itemIds,
		titles: extras.items?.titles ?? null,
		genre: extras.items ? firstGenres(extras.items, genreNames, count) : null,
		genreNames,
		itemGenres: extras.items?.genres ?? null,
		meanRating: null,
		activity: null
	};
}

/** Attributes with activity, mean rating and favourite genre, from the whole dataset. */
export function attributesFromDataset(dataset: Dataset, entity: SegmentEntity): PointAttributes {
	const light = attributesFromExtras({ ids: dataset.ids, items: dataset.items }, entity);
	const { users, items, values } = dataset.interactions;
	const count = entity === 'users' ? dataset.interactions.numUsers : dataset.interactions.numItems;
	const owners = entity === 'users' ? users : items;

	const activity = new Float32Array(count);
	const sums = new Float64Array(count);
	for (let row = 0; row < owners.length; row++) {
		activity[owners[row]]++;
		sums[owners[row]] += values[row];
	}
	let meanRating: Float32Array | null = null;
	if (dataset.kind === 'explicit') {
		meanRating = new Float32Array(count);
		for (let index = 0; index < count; index++) meanRating[index] = activity[index] > 0 ? sums[index] / activity[index] : Number.NaN;
	}

	let genre = light.genre;
	if (entity === 'users' && dataset.items) genre = favouriteGenres(dataset, light.genreNames.slice(0, MAX_GENRES));
	return { ...light, genre, meanRating, activity };
}

/** Finds the genre each user interacted with most (ties go to the more common genre), or -1. */
function favouriteGenres(dataset: Dataset, names: string[]): Int32Array {
	const { users, items, numUsers } = dataset.interactions;
	const position = new Map(names.map((name, index) => [name, index]));
	const itemGenres = (dataset.items?.genres ?? []).map((genres) => genres.map((genre) => position.get(genre) ?? -1).filter((index) => index >= 0));
	const width = names.length;
	const counts = new Int32Array(numUsers * width);
	for (let row = 0; row < users.length; row++) {
		for (const genre of itemGenres[items[row]] ?? []) counts[users[row] * width + genre]++;
	}
	const favourite = new Int32Array(numUsers).fill(-1);
	for (let user = 0; user < numUsers; user++) {
		let best = 0;
		for (let genre = 0; genre < width; genre++) {
			const value = counts[user * width + genre];
			if (value > best) {
				best = value;
				favourite[user] = genre;
			}
		}
	}
	return favourite;
}

/** Tooltip text of one point: the title (items) or a user summary, then its cluster. */
export function describePoint(attributes: PointAttributes, index: number, cluster: number): string {
	const id = attributes.ids[index] ?? String(index);
	const parts: string[] = [];
	if (attributes.entity === 'items') {
		const title = attributes.titles?.[index];
		parts.push(title ? `${title} (id ${id})` : `item ${id}`);
	} else {
		parts.push(`user ${id}`);
	}
	if (attributes.activity) parts.push(`${formatCount(attributes.activity[index])} interactions`);
	const mean = attributes.meanRating?.[index];
	if (mean !== undefined && Number.isFinite(mean)) parts.push(`mean rating ${mean.toFixed(2)}`);
	if (attributes.genre && attributes.genre[index] >= 0) parts.push(attributes.entity === 'users' ? `favourite genre ${attributes.genreNames[attributes.genre[index]]}` : attributes.genreNames[attributes.genre[index]]);
	parts.push(`cluster ${cluster}`);
	return parts.join(' · ');
}

/** Returns a short label for a point: the title or "user 42". */
export function pointLabel(attributes: PointAttributes, index: number): string {
	const id = attributes.ids[index] ?? String(index);
	if (attributes.entity === 'users') return `user ${id}`;
	return attributes.titles?.[index] || `item ${id}`;
}

export interface SelectionSummary {
	count: number;
	clusters: { cluster: number; count: number }[];
	/** Genres of the selected items, or favourite genres of the selected users, most common first. */
	genres: { genre: string; count: number }[];
}

export function summariseSelection(indices: Int32Array, assignments: Int32Array, attributes: PointAttributes | null, topGenres = 5): SelectionSummary {
	const clusterCounts = new Map<number, number>();
	const genreCounts = new Map<string, number>();
	for (const index of indices) {
		clusterCounts.set(assignments[index], (clusterCounts.get(assignments[index]) ?? 0) + 1);
		if (!attributes) continue;
		if (attributes.entity === 'items' && attributes.itemGenres) {
			for (const genre of attributes.itemGenres[index] ?? []) genreCounts.set(genre, (genreCounts.get(genre) ?? 0) + 1);
		} else if (attributes.genre && attributes.genre[index] >= 0) {
			const genre = attributes.genreNames[attributes.genre[index]];
			genreCounts.set(genre, (genreCounts.get(genre) ?? 0) + 1);
		}
	}
	return {
		count: indices.length,
		clusters: [...clusterCounts.entries()].map(([cluster, count]) => ({ cluster, count })).sort((a, b) => b.count - a.count),
		genres: [...genreCounts.entries()]
			.map(([genre, count]) => ({ genre, count }))
			.sort((a, b) => b.count - a.count || a.genre.localeCompare(b.genre))
			.slice(0, topGenres)
	};
}
