#!/usr/bin/env node
// Generates a synthetic ratings file shaped like MovieLens 25M's ratings.csv, for
// measuring ingest at that scale: 25,000,000 ratings by 162,541 users on 59,047
// items by default, header `userId,movieId,rating,timestamp`, sorted by user and
// then by item id as the original is. Users are numbered 1..N; item ids grow with
// gaps up to about 209,000, as MovieLens movie ids do. Ratings are half stars
// from 0.5 to 5 with MovieLens-like frequencies; timestamps are Unix seconds
// between 1995 and 2019. Item popularity follows a Zipf-like law, user activity
// a heavy-tailed one (at least 20 ratings each), and no user rates an item twice.
// The output is the same for the same options on every run (seeded PRNG), and is
// written as it is generated, so memory stays small whatever the row count.
//
// Usage: node scripts/generate-large.mjs [OUTPUT] [--rows N] [--users N] [--items N] [--seed N]
// OUTPUT defaults to bench/out/ratings-25m.csv. With --rows below 25M, users
// scale with the rows and items with their square root, unless given.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const FULL_ROWS = 25_000_000;
const FULL_USERS = 162_541;
const FULL_ITEMS = 59_047;
/** Minimum ratings per user, as in MovieLens. */
const MIN_PER_USER = 20;
/** Zipf exponent and rank offset of item popularity. */
const ZIPF_EXPONENT = 1.0;
const ZIPF_OFFSET = 10;
/** Pareto shape of user activity above the minimum. A smaller shape gives a heavier tail. */
const ACTIVITY_SHAPE = 1.2;
const FIRST_TIME = 789_652_009; // 1995-01-09, MovieLens 25M's earliest rating
const LAST_TIME = 1_574_327_703; // 2019-11-21, its latest
/** Half-star ratings and their approximate shares in MovieLens 25M. */
const RATINGS = ['0.5', '1.0', '1.5', '2.0', '2.5', '3.0', '3.5', '4.0', '4.5', '5.0'];
const RATING_SHARES = [1.6, 3.1, 1.6, 6.6, 5.0, 19.6, 12.4, 26.6, 8.8, 14.7];

function parseArguments(argv) {
	const options = { output: 'bench/out/ratings-25m.csv', rows: FULL_ROWS, users: null, items: null, seed: 25 };
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index];
		if (argument.startsWith('--')) {
			const name = argument.slice(2);
			const value = Number(argv[++index]);
			if (!['rows', 'users', 'items', 'seed'].includes(name)) throw new Error(`unknown option ${argument}; use --rows, --users, --items or --seed`);
			if (!Number.isInteger(value) || value < 1) throw new Error(`${argument} needs a positive integer, got "${argv[index]}"`);
			options[name] = value;
		} else {
			options.output = argument;
		}
	}
	const scale = options.rows / FULL_ROWS;
	options.users ??= Math.max(1, Math.min(FULL_USERS, Math.round(FULL_USERS * scale)));
	options.items ??= Math.max(MIN_PER_USER, Math.min(FULL_ITEMS, Math.round(FULL_ITEMS * Math.sqrt(scale))));
	if (options.rows < options.users) throw new Error(`--rows ${options.rows} is fewer than one rating per user (${options.users} users)`);
	return options;
}

/** sfc32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
function createRandom(seed) {
	let a = 0x9e3779b9;
	let b = 0x243f6a88;
	let c = 0xb7e15162;
	let d = seed >>> 0;
	const next = () => {
		a >>>= 0;
		b >>>= 0;
		c >>>= 0;
		d >>>= 0;
		let t = (a + b) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		d = (d + 1) | 0;
		t = (t + d) | 0;
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	for (let index = 0; index < 16; index++) next();
	return next;
}

/** Increasing item ids starting at 1 with gaps, averaging about 3.5 per step like MovieLens 25M's 59,047 ids up to 209,171. */
function createItemIds(count, random) {
	const ids = new Int32Array(count);
	let id = 1;
	for (let index = 0; index < count; index++) {
		ids[index] = id;
		id += 1 + Math.floor(-Math.log(1 - random()) * 2.5);
	}
	return ids;
}

/** Cumulative Zipf weights over items in a shuffled popularity order. */
function createPopularity(count, random) {
	const rankOf = new Int32Array(count);
	for (let index = 0; index < count; index++) rankOf[index] = index;
	for (let index = count - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[rankOf[index], rankOf[other]] = [rankOf[other], rankOf[index]];
	}
	const cumulative = new Float64Array(count);
	let total = 0;
	for (let item = 0; item < count; item++) {
		total += 1 / Math.pow(rankOf[item] + ZIPF_OFFSET, ZIPF_EXPONENT);
		cumulative[item] = total;
	}
	for (let item = 0; item < count; item++) cumulative[item] /= total;
	return cumulative;
}

/** Ratings per user: at least MIN_PER_USER (or rows / users when smaller), a Pareto tail, summing exactly to `rows`. */
function createActivity(users, items, rows, random) {
	const floor = Math.min(MIN_PER_USER, Math.floor(rows / users));
	const cap = Math.floor(items / 2);
	const extra = new Float64Array(users);
	let extraTotal = 0;
	for (let user = 0; user < users; user++) {
		extra[user] = Math.pow(1 - random(), -1 / ACTIVITY_SHAPE) - 1;
		extraTotal += extra[user];
	}
	const counts = new Int32Array(users);
	const remaining = rows - floor * users;
	let assigned = 0;
	for (let user = 0; user < users; user++) {
		counts[user] = Math.min(cap, floor + Math.floor((extra[user] / extraTotal) * remaining));
		assigned += counts[user];
	}
	// Rounding and the cap leave some ratings over: hand them out one by one to users with room.
	for (let user = 0; assigned < rows; user = (user + 1) % users) {
		if (counts[user] < cap) {
			counts[user]++;
			assigned++;
		}
	}
	return counts;
}

function pickWeighted(cumulative, random) {
	const target = random();
	let low = 0;
	let high = cumulative.length - 1;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (cumulative[middle] < target) low = middle + 1;
		else high = middle;
	}
	return low;
}

const ratingCumulative = (() => {
	const total = RATING_SHARES.reduce((sum, share) => sum + share, 0);
	let running = 0;
	return Float64Array.from(RATING_SHARES, (share) => (running += share) / total);
})();

async function generate(options) {
	const started = performance.now();
	const random = createRandom(options.seed);
	const itemIds = createItemIds(options.items, random);
	const popularity = createPopularity(options.items, random);
	const activity = createActivity(options.users, options.items, options.rows, random);

	mkdirSync(dirname(resolve(options.output)), { recursive: true });
	const out = createWriteStream(options.output);
	const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolveDrain) => out.once('drain', resolveDrain)));
	let bytes = 0;
	const header = 'userId,movieId,rating,timestamp\n';
	await write(header);
	bytes += header.length;

	// ratedBy[item] is the last user who rated it, so a user never gets the same item twice.
	const ratedBy = new Int32Array(options.items).fill(-1);
	const chosen = new Int32Array(activity.reduce((max, count) => Math.max(max, count), 0));
	let text = '';
	for (let user = 0; user < options.users; user++) {
		const count = activity[user];
		for (let index = 0; index < count; index++) {
			let item = pickWeighted(popularity, random);
			// Heavy users exhaust the popular items: after a few misses, take any item not rated yet.
			for (let tries = 0; ratedBy[item] === user; tries++) {
				item = tries < 8 ? pickWeighted(popularity, random) : Math.floor(random() * options.items);
			}
			ratedBy[item] = user;
			chosen[index] = item;
		}
		const items = chosen.subarray(0, count).sort();

		const start = FIRST_TIME + Math.floor(random() * (LAST_TIME - FIRST_TIME));
		const span = Math.min(LAST_TIME - start, Math.floor(-Math.log(1 - random()) * 86_400 * 90));
		const userId = String(user + 1);
		for (let index = 0; index < count; index++) {
			const rating = RATINGS[pickWeighted(ratingCumulative, random)];
			const time = start + Math.floor(random() * (span + 1));
			text += `${userId},${itemIds[items[index]]},${rating},${time}\n`;
		}
		if (text.length > 1 << 20) {
			bytes += text.length;
			await write(text);
			text = '';
		}
	}
	bytes += text.length;
	await write(text);
	await new Promise((resolveEnd, rejectEnd) => out.end((error) => (error ? rejectEnd(error) : resolveEnd())));

	const seconds = (performance.now() - started) / 1000;
	console.log(
		`Wrote ${options.output}: ${options.rows} ratings, ${options.users} users, ${options.items} items, ` +
			`${(bytes / 1e6).toFixed(1)} MB (${bytes} bytes) in ${seconds.toFixed(1)} s`
	);
}

try {
	await generate(parseArguments(process.argv.slice(2)));
} catch (error) {
	console.error(`generate-large: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
