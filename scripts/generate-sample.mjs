// Generates the synthetic sample dataset in data/sample/ (ratings, items and the
// planted user segments). data/README.md describes the model behind it, so
// update that page whenever a parameter changes.
//
// Usage: node scripts/generate-sample.mjs   (or: npm run sample)

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Every tunable number of the generator. data/README.md documents each one. */
export const SAMPLE_PARAMETERS = Object.freeze({
	seed: 20240611,
	numUsers: 600,
	numItems: 3000,
	/** Share of users in each segment, in the order of SEGMENTS. */
	segmentShares: [0.3, 0.25, 0.2, 0.15, 0.1],
	/** Item release years, inclusive. All lie before the first rating. */
	firstYear: 1940,
	lastYear: 2018,
	/** Probability that an item has 1, 2 or 3 genres. */
	genreCountWeights: [0.45, 0.35, 0.2],
	/** Probability that a secondary genre comes from the primary genre's group. */
	sameGroupGenreShare: 0.6,
	/** Probability that an item has 0, 1, 2, 3 or 4 tags. */
	tagCountWeights: [0.2, 0.25, 0.25, 0.18, 0.12],
	/** Probability that a tag comes from the item's genres rather than the generic list. */
	genreTagShare: 0.75,
	/** Item popularity is proportional to rank^-zipfExponent. */
	zipfExponent: 1.0,
	/** Ratings per user: round(exp(N(ln median, sigma))), clamped to [min, max]. */
	activityMedian: 65,
	activitySigma: 0.75,
	minRatingsPerUser: 15,
	maxRatingsPerUser: 300,
	/** Selection weight of an item for a user is popularity * exp(selectionTilt * affinity). */
	selectionTilt: 1.4,
	globalMean: 3.3,
	userBiasSd: 0.35,
	itemBiasSd: 0.3,
	/** Extra item bias from +popularityBonus/2 (most popular item) to -popularityBonus/2 (least). */
	popularityBonus: 0.3,
	/** Genre affinity for a genre in the segment's liked group, and minus this for its disliked group. */
	likedAffinity: 1.1,
	dislikedAffinity: 0.9,
	/** Each user's affinities are scaled by a factor drawn uniformly from this range. */
	affinityScaleRange: [0.75, 1.25],
	noiseSd: 0.6,
	minRating: 0.5,
	maxRating: 5.0,
	/** Rating times lie in [timeStart, timeEnd] (Unix seconds): 2019-01-01 to 2023-12-31 UTC. */
	timeStart: Date.UTC(2019, 0, 1) / 1000,
	timeEnd: Date.UTC(2023, 11, 31, 23, 59, 59) / 1000,
	/** A user's active window covers this fraction of the full time range, drawn uniformly. */
	activeWindowRange: [0.05, 0.8]
});

/** Genres with their relative frequency as an item's primary genre. */
const GENRE_WEIGHTS = {
	Action: 7, Adventure: 5, 'Sci-Fi': 4, Thriller: 6,
	Romance: 6, Comedy: 9, Musical: 2, Drama: 10,
	Horror: 4, Mystery: 3, Crime: 5, 'Film-Noir': 1,
	Animation: 3, Children: 3, Fantasy: 3,
	Documentary: 3, War: 2, Western: 2
};

/**
 * The planted segments. Each segment likes the genres of its own group and
 * dislikes the group named by `dislikes`; the name is what segments.csv stores.
 */
export const SEGMENTS = Object.freeze([
	{ name: 'action-adventure', genres: ['Action', 'Adventure', 'Sci-Fi', 'Thriller'], dislikes: 'romance-comedy' },
	{ name: 'romance-comedy', genres: ['Romance', 'Comedy', 'Musical', 'Drama'], dislikes: 'crime-horror' },
	{ name: 'crime-horror', genres: ['Horror', 'Mystery', 'Crime', 'Film-Noir'], dislikes: 'family-fantasy' },
	{ name: 'family-fantasy', genres: ['Animation', 'Children', 'Fantasy'], dislikes: 'documentary-war' },
	{ name: 'documentary-war', genres: ['Documentary', 'War', 'Western'], dislikes: 'action-adventure' }
]);

/** Tags that belong to one genre. Tags never contain '|' or ','. */
const GENRE_TAGS = {
	Action: ['car chase', 'explosions', 'martial arts', 'heist'],
	Adventure: ['treasure hunt', 'quest', 'jungle', 'road trip'],
	'Sci-Fi': ['space', 'time travel', 'robots', 'dystopia'],
	Thriller: ['conspiracy', 'suspense', 'hostage', 'spy'],
	Romance: ['love triangle', 'wedding', 'first love', 'long distance'],
	Comedy: ['slapstick', 'satire', 'parody', 'witty dialogue'],
	Musical: ['dance', 'broadway', 'singing', 'jazz'],
	Drama: ['family drama', 'coming of age', 'tearjerker', 'courtroom'],
	Horror: ['haunted house', 'zombies', 'gore', 'supernatural'],
	Mystery: ['whodunit', 'detective', 'amnesia', 'puzzle'],
	Crime: ['mafia', 'police', 'prison', 'gangsters'],
	'Film-Noir': ['femme fatale', 'black and white', 'hardboiled', 'rainy city'],
	Animation: ['hand-drawn', 'stop motion', 'talking animals', 'anime'],
	Children: ['friendship', 'school', 'pets', 'fairy tale'],
	Fantasy: ['dragons', 'magic', 'wizards', 'mythology'],
	Documentary: ['nature', 'history', 'biography', 'music documentary'],
	War: ['world war ii', 'soldiers', 'resistance', 'battle'],
	Western: ['cowboys', 'gunfight', 'frontier', 'outlaws']
};

const GENERIC_TAGS = [
	'based on a book', 'twist ending', 'cult classic', 'slow burn',
	'great soundtrack', 'visually stunning', 'ensemble cast', 'true story'
];

// Title word lists. Some places and names carry accents so that items.csv
// exercises UTF-8; some patterns add commas and quotes to exercise CSV quoting.
const ADJECTIVES = [
	'Silent', 'Crimson', 'Last', 'Hidden', 'Broken', 'Golden', 'Midnight', 'Lost',
	'Burning', 'Frozen', 'Distant', 'Hollow', 'Wild', 'Secret', 'Quiet', 'Electric',
	'Savage', 'Gentle', 'Forgotten', 'Endless', 'Northern', 'Iron', 'Velvet', 'Paper',
	'Glass', 'Restless', 'Lonely', 'Bright', 'Bitter', 'Sweet', 'Scarlet', 'Final'
];
const NOUNS = [
	'Harbor', 'Garden', 'River', 'Empire', 'Letter', 'Promise', 'Station', 'Kingdom',
	'Shadow', 'Horizon', 'Orchard', 'Voyage', 'Mirror', 'Island', 'Symphony', 'Winter',
	'Summer', 'Frontier', 'Lantern', 'Signal', 'Machine', 'Compass', 'Circus', 'Stranger',
	'Witness', 'Archive', 'Carnival', 'Lighthouse', 'Tide', 'Highway', 'Bridge', 'Fortress'
];
const PLACES = [
	'Paris', 'Tokyo', 'Zürich', 'Cairo', 'Lisbon', 'Berlin', 'Nairobi', 'Havana',
	'Marseille', 'Dublin', 'Oslo', 'Memphis', 'Chicago', 'Vienna', 'Madrid', 'Glasgow',
	'Bombay', 'Shanghai', 'Lagos', 'São Paulo'
];
const NAMES = [
	'Marlowe', 'Eleanor', 'Jack', 'Rosa', 'Hugo', 'Amélie', 'Clara', 'Felix',
	'Mateo', 'Nora', 'Otto', 'Walter', 'Ruby', 'Arthur', 'Lena', 'Oscar',
	'Maggie', 'Frank', 'Ivy', 'Zoë'
];

/** @param {string} noun  @returns {string} the noun with "A" or "An" in front */
function withArticle(noun) {
	return /^[AEIOU]/.test(noun) ? `An ${noun}` : `A ${noun}`;
}

/** Title patterns with their relative weights. Each `build` receives `pick`, which draws one word from a list. */
const TITLE_PATTERNS = [
	{ weight: 30, build: (pick) => `The ${pick(ADJECTIVES)} ${pick(NOUNS)}` },
	{ weight: 20, build: (pick) => `${pick(ADJECTIVES)} ${pick(NOUNS)}` },
	{ weight: 15, build: (pick) => `The ${pick(NOUNS)} of ${pick(PLACES)}` },
	{ weight: 12, build: (pick) => `${pick(NAMES)} and the ${pick(ADJECTIVES)} ${pick(NOUNS)}` },
	{ weight: 10, build: (pick) => withArticle(pick(NOUNS)) + ` in ${pick(PLACES)}` },
	{ weight: 1, build: (pick) => `Café ${pick(PLACES)}` },
	{ weight: 0.5, build: (pick) => `Über ${pick(PLACES)}` },
	{ weight: 0.5, build: (pick) => `The ${pick(ADJECTIVES)} Ñandú` },
	{ weight: 3, build: (pick) => `Goodbye, ${pick(NAMES)}` },
	{ weight: 2, build: (pick) => `${pick(ADJECTIVES)} ${pick(NOUNS)}, ${pick(ADJECTIVES)} ${pick(NOUNS)}` },
	{ weight: 2, build: (pick) => `The "${pick(ADJECTIVES)}" ${pick(NOUNS)}` },
	{ weight: 1, build: (pick) => `${pick(NAMES)} Says "${pick(ADJECTIVES)}"` }
];

/**
 * Creates the mulberry32 generator: a 32-bit state PRNG returning floats in [0, 1).
 * It is small and fast, and its output depends only on the seed.
 * @param {number} seed
 */
function createRandom(seed) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		/** @param {number} n  @returns {number} an integer in [0, n) */
		int: (n) => Math.floor(next() * n),
		/** @param {number} low  @param {number} high */
		uniform: (low, high) => low + (high - low) * next(),
		/** Standard normal draw by the Box–Muller transform. */
		normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
		/** @template T  @param {T[]} list  @returns {T} */
		pick: (list) => list[Math.floor(next() * list.length)],
		/** @param {number[]} weights  @returns {number} an index drawn with probability proportional to its weight */
		weighted: (weights) => {
			const total = weights.reduce((sum, w) => sum + w, 0);
			let target = next() * total;
			for (let i = 0; i < weights.length; i++) {
				target -= weights[i];
				if (target < 0) return i;
			}
			return weights.length - 1;
		},
		/** Shuffles `list` in place (Fisher–Yates). @template T  @param {T[]} list */
		shuffle: (list) => {
			for (let i = list.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[list[i], list[j]] = [list[j], list[i]];
			}
			return list;
		}
	};
}

/** @typedef {ReturnType<typeof createRandom>} Random */
/** @typedef {{ id: number, title: string, genres: string[], tags: string[], popularity: number, bias: number }} Item */
/** @typedef {{ id: number, segment: number, bias: number, affinityScale: number }} User */

const GENRES = Object.keys(GENRE_WEIGHTS);
const GENRE_WEIGHT_LIST = GENRES.map((genre) => GENRE_WEIGHTS[genre]);
const GROUP_OF_GENRE = new Map(SEGMENTS.flatMap((segment, index) => segment.genres.map((genre) => [genre, index])));

/**
 * Builds the affinity table: affinity[segment][genre] is +likedAffinity for the
 * segment's own group, -dislikedAffinity for its disliked group, and 0 otherwise.
 */
function buildGenreAffinity() {
	const { likedAffinity, dislikedAffinity } = SAMPLE_PARAMETERS;
	return SEGMENTS.map((segment) => {
		const disliked = SEGMENTS.findIndex((other) => other.name === segment.dislikes);
		const own = SEGMENTS.indexOf(segment);
		/** @type {Map<string, number>} */
		const row = new Map();
		for (const genre of GENRES) {
			const group = GROUP_OF_GENRE.get(genre);
			let value = 0;
			if (group === own) value = likedAffinity;
			if (group === disliked) value = -dislikedAffinity;
			row.set(genre, value);
		}
		return row;
	});
}

/** @param {Random} random  @param {Set<string>} usedTitles */
function makeTitle(random, usedTitles) {
	const patternWeights = TITLE_PATTERNS.map((pattern) => pattern.weight);
	const { firstYear, lastYear } = SAMPLE_PARAMETERS;
	for (;;) {
		const pattern = TITLE_PATTERNS[random.weighted(patternWeights)];
		const year = firstYear + random.int(lastYear - firstYear + 1);
		const title = `${pattern.build(random.pick)} (${year})`;
		if (!usedTitles.has(title)) {
			usedTitles.add(title);
			return title;
		}
	}
}

/** @param {Random} random */
function makeGenres(random) {
	const { genreCountWeights, sameGroupGenreShare } = SAMPLE_PARAMETERS;
	const count = 1 + random.weighted(genreCountWeights);
	const primary = GENRES[random.weighted(GENRE_WEIGHT_LIST)];
	const groupGenres = SEGMENTS[/** @type {number} */ (GROUP_OF_GENRE.get(primary))].genres;
	const genres = [primary];
	while (genres.length < count) {
		const candidate =
			random.next() < sameGroupGenreShare ? random.pick(groupGenres) : GENRES[random.weighted(GENRE_WEIGHT_LIST)];
		if (!genres.includes(candidate)) genres.push(candidate);
	}
	return genres;
}

/** @param {Random} random  @param {string[]} genres */
function makeTags(random, genres) {
	const { tagCountWeights, genreTagShare } = SAMPLE_PARAMETERS;
	const count = random.weighted(tagCountWeights);
	/** @type {string[]} */
	const tags = [];
	while (tags.length < count) {
		const candidate =
			random.next() < genreTagShare ? random.pick(GENRE_TAGS[random.pick(genres)]) : random.pick(GENERIC_TAGS);
		if (!tags.includes(candidate)) tags.push(candidate);
	}
	return tags;
}

/** @param {Random} random  @returns {Item[]} */
function buildItems(random) {
	const { numItems, zipfExponent, itemBiasSd, popularityBonus } = SAMPLE_PARAMETERS;
	// Popularity ranks are a random permutation, so item ids carry no popularity information.
	const ranks = random.shuffle(Array.from({ length: numItems }, (_, i) => i + 1));
	const usedTitles = new Set();
	return ranks.map((rank, index) => {
		const title = makeTitle(random, usedTitles);
		const genres = makeGenres(random);
		const tags = makeTags(random, genres);
		const popularityShift = popularityBonus * (0.5 - Math.log(rank) / Math.log(numItems));
		return {
			id: index + 1,
			title,
			genres,
			tags,
			popularity: Math.pow(rank, -zipfExponent),
			bias: itemBiasSd * random.normal() + popularityShift
		};
	});
}

/** @param {Random} random  @returns {User[]} */
function buildUsers(random) {
	const { numUsers, segmentShares, userBiasSd, affinityScaleRange } = SAMPLE_PARAMETERS;
	// Exact segment sizes (the last segment takes the rounding remainder), then shuffled over user ids.
	/** @type {number[]} */
	const segmentOfUser = [];
	segmentShares.forEach((share, segment) => {
		const size = segment === segmentShares.length - 1 ? numUsers - segmentOfUser.length : Math.round(share * numUsers);
		for (let i = 0; i < size; i++) segmentOfUser.push(segment);
	});
	random.shuffle(segmentOfUser);
	return segmentOfUser.map((segment, index) => ({
		id: index + 1,
		segment,
		bias: userBiasSd * random.normal(),
		affinityScale: random.uniform(affinityScaleRange[0], affinityScaleRange[1])
	}));
}

/** @param {Random} random */
function drawActivity(random) {
	const { activityMedian, activitySigma, minRatingsPerUser, maxRatingsPerUser } = SAMPLE_PARAMETERS;
	const count = Math.round(Math.exp(Math.log(activityMedian) + activitySigma * random.normal()));
	return Math.min(maxRatingsPerUser, Math.max(minRatingsPerUser, count));
}

/**
 * Draws `count` distinct item indices with probability proportional to
 * `weights`, by the Efraimidis–Spirakis method: keep the `count` largest keys
 * ln(u) / weight.
 * @param {Random} random  @param {Float64Array} weights  @param {number} count
 */
function sampleWithoutReplacement(random, weights, count) {
	const keys = Array.from(weights, (weight, index) => ({ index, key: Math.log(1 - random.next()) / weight }));
	keys.sort((a, b) => b.key - a.key || a.index - b.index);
	return keys.slice(0, count).map((entry) => entry.index);
}

/** Returns `count` strictly increasing Unix times inside a random sub-window of the time range. @param {Random} random  @param {number} count */
function drawTimes(random, count) {
	const { timeStart, timeEnd, activeWindowRange } = SAMPLE_PARAMETERS;
	// Leave room at the end for the +1 s steps that make the times strictly increasing.
	const span = timeEnd - timeStart - count;
	const windowLength = Math.floor(span * random.uniform(activeWindowRange[0], activeWindowRange[1]));
	const windowStart = timeStart + Math.floor((span - windowLength) * random.next());
	const times = Array.from({ length: count }, () => windowStart + Math.floor(windowLength * random.next()));
	times.sort((a, b) => a - b);
	for (let i = 1; i < count; i++) times[i] = Math.max(times[i], times[i - 1] + 1);
	return times;
}

/** @param {number} value */
function toHalfStar(value) {
	const { minRating, maxRating } = SAMPLE_PARAMETERS;
	return Math.min(maxRating, Math.max(minRating, Math.round(value * 2) / 2));
}

/** @param {Random} random  @param {Item[]} items  @param {User[]} users */
function buildRatings(random, items, users) {
	const { selectionTilt, globalMean, noiseSd } = SAMPLE_PARAMETERS;
	const genreAffinity = buildGenreAffinity();

	// affinity[segment][item] is the mean segment affinity over the item's genres.
	const affinity = SEGMENTS.map((_, segment) =>
		Float64Array.from(items, (item) => {
			const total = item.genres.reduce((sum, genre) => sum + /** @type {number} */ (genreAffinity[segment].get(genre)), 0);
			return total / item.genres.length;
		})
	);

	/** @type {{ user: number, item: number, rating: number, time: number }[]} */
	const ratings = [];
	for (const user of users) {
		const userAffinity = affinity[user.segment];
		const weights = Float64Array.from(
			items,
			(item, index) => item.popularity * Math.exp(selectionTilt * user.affinityScale * userAffinity[index])
		);
		const chosen = random.shuffle(sampleWithoutReplacement(random, weights, drawActivity(random)));
		const times = drawTimes(random, chosen.length);
		chosen.forEach((itemIndex, order) => {
			const item = items[itemIndex];
			const score =
				globalMean + user.bias + item.bias + user.affinityScale * userAffinity[itemIndex] + noiseSd * random.normal();
			ratings.push({ user: user.id, item: item.id, rating: toHalfStar(score), time: times[order] });
		});
	}
	return ratings;
}

/** Quotes a CSV field per RFC 4180 when it contains a comma, quote or line break. @param {string} field */
function csvField(field) {
	return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** @param {string[]} header  @param {(string | number)[][]} rows */
function toCsv(header, rows) {
	const lines = [header, ...rows].map((row) => row.map((field) => csvField(String(field))).join(','));
	return lines.join('\n') + '\n';
}

/**
 * Generates the sample dataset from the fixed seed. The same call always
 * returns the same strings.
 * NOTE: Math.exp, Math.log and Math.cos may differ in the last bit between
 * JavaScript engines, so the checked-in files are verified against Node 20 only.
 * @returns {{ files: { 'ratings.csv': string, 'items.csv': string, 'segments.csv': string },
 *   counts: { users: number, items: number, ratings: number } }}
 */
export function generateSample() {
	const random = createRandom(SAMPLE_PARAMETERS.seed);
	const items = buildItems(random);
	const users = buildUsers(random);
	const ratings = buildRatings(random, items, users);

	const ratingRows = ratings.map((r) => [r.user, r.item, r.rating.toFixed(1), r.time]);
	const itemRows = items.map((item) => [item.id, item.title, item.genres.join('|'), item.tags.join('|')]);
	const segmentRows = users.map((user) => [user.id, SEGMENTS[user.segment].name]);
	return {
		files: {
			'ratings.csv': toCsv(['userId', 'itemId', 'rating', 'timestamp'], ratingRows),
			'items.csv': toCsv(['itemId', 'title', 'genres', 'tags'], itemRows),
			'segments.csv': toCsv(['userId', 'segment'], segmentRows)
		},
		counts: { users: users.length, items: items.length, ratings: ratings.length }
	};
}

/** Directory the CLI writes to: data/sample/ at the repository root. */
export const SAMPLE_DIRECTORY = fileURLToPath(new URL('../data/sample/', import.meta.url));

function main() {
	const { files, counts } = generateSample();
	mkdirSync(SAMPLE_DIRECTORY, { recursive: true });
	for (const [name, contents] of Object.entries(files)) {
		writeFileSync(new URL(name, pathToFileURL(SAMPLE_DIRECTORY)), contents, 'utf8');
	}
	console.log(`Wrote ${counts.users} users, ${counts.items} items and ${counts.ratings} ratings to ${SAMPLE_DIRECTORY}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
