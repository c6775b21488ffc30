/**
 * A tiny two-block rating matrix for the contract suite, with a best item known
 * by construction. Users 0–5 love the space films (items 0–4) and dislike the
 * romances (items 5–9); users 6–11 the reverse. User 0 has not seen item 4,
 * which every other space fan rated 5, so item 4 must rank first for user 0.
 * It has the highest mean rating and co-occurs with all of user 0's liked items.
 * It also shares title words, genres and tags with them.
 */
import type { Interactions, ItemMetadata } from '../data/types';

/** Rows are users, columns items; 0 means not rated. */
const ratingTable = [
	[5, 4, 5, 4, 0, 1, 0, 0, 0, 0],
	[5, 5, 4, 0, 5, 2, 0, 0, 0, 0],
	[4, 5, 0, 5, 5, 0, 0, 0, 0, 1],
	[0, 4, 5, 5, 5, 0, 2, 0, 0, 0],
	[5, 0, 4, 4, 5, 0, 0, 1, 0, 0],
	[4, 5, 5, 0, 5, 0, 0, 0, 2, 0],
	[2, 0, 0, 0, 0, 4, 5, 4, 5, 0],
	[0, 1, 0, 0, 0, 5, 4, 0, 4, 5],
	[0, 0, 2, 0, 0, 4, 0, 5, 5, 4],
	[0, 0, 0, 1, 0, 0, 5, 4, 4, 5],
	[0, 0, 0, 0, 0, 5, 4, 5, 0, 4],
	[1, 0, 0, 0, 0, 4, 5, 4, 5, 0]
];

export const contractTargetUser = 0;
export const contractBestItem = 4;

/** Held-out cells for the evaluation in the leak test: (user, item, rating), none of them in training. */
const heldOut: [number, number, number][] = [
	[0, 4, 5],
	[3, 0, 4],
	[6, 9, 5],
	[10, 8, 4]
];

function toInteractions(cells: [number, number, number][]): Interactions {
	return {
		users: Int32Array.from(cells, (cell) => cell[0]),
		items: Int32Array.from(cells, (cell) => cell[1]),
		values: Float32Array.from(cells, (cell) => cell[2]),
		// One second apart in row order, so time-aware settings (recency) have something to act on.
		times: Float64Array.from(cells, (_, row) => row * 1000),
		numUsers: ratingTable.length,
		numItems: ratingTable[0].length
	};
}

const trainCells: [number, number, number][] = [];
ratingTable.forEach((row, user) =>
	row.forEach((rating, item) => {
		if (rating > 0) trainCells.push([user, item, rating]);
	})
);

export const contractTrain = toInteractions(trainCells);
export const contractTest = toInteractions(heldOut);

/** The same interactions as implicit feedback: every value 1. */
export const contractTrainImplicit: Interactions = { ...contractTrain, values: new Float32Array(contractTrain.values.length).fill(1) };

export const contractItems: ItemMetadata = {
	titles: [
		'Star Voyage (1991)',
		'Star Voyage II (1993)',
		'Robot Planet (1995)',
		'Moon Base Alpha (1997)',
		'Star Voyage III (1999)',
		'Love in Paris (1990)',
		'Letters of Love (1992)',
		'Summer Wedding (1994)',
		'Paris Letters (1996)',
		'Quiet Hearts (1998)'
	],
	genres: [
		['Adventure', 'Sci-Fi'],
		['Adventure', 'Sci-Fi'],
		['Sci-Fi', 'Comedy'],
		['Sci-Fi'],
		['Adventure', 'Sci-Fi'],
		['Drama', 'Romance'],
		['Romance'],
		['Romance', 'Comedy'],
		['Drama', 'Romance'],
		['Drama']
	],
	tags: [['space', 'captain'], ['space'], ['robots', 'space'], ['moon'], ['space', 'captain'], ['paris'], ['letters'], ['wedding'], ['paris', 'letters'], []],
	descriptions: [
		'A captain leads her crew through deep space.',
		'The crew returns to space to find the lost captain.',
		'Robots rebel on a distant planet.',
		'Astronauts guard a base on the moon.',
		'The captain and her crew make a last voyage into deep space.',
		'Two strangers fall in love in Paris.',
		'Old letters reveal a love story.',
		'A summer wedding brings two families together.',
		'Letters sent from Paris change a marriage.',
		'A quiet drama about two hearts.'
	],
	unmatchedIds: 0
};
