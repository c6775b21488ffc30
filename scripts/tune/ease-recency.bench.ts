/**
 * Chooses EASE's λ and recency half-life for MovieLens 100K's leave-last-out
 * protocol without looking at its test set. The training part is split again by
 * leave-last-out, so each user's second-to-last rating becomes a validation item.
 * Every grid point is scored there by NDCG@10 with full ranking, and the best
 * point is then evaluated once on the real test items. Reads u.data from
 * ML100K_DIR; nothing is copied into the repository.
 */
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import type { Interactions } from '../../src/lib/data/types';
import { easeSpec } from '../../src/lib/models/ease';
import { leaveLastOut } from '../../src/lib/eval/split';
import { evaluateModel } from '../../src/lib/eval/evaluate';

const dataDirectory = process.env.ML100K_DIR ?? '/work/shared/data/ml-100k';

/** Reads u.data (user, item, rating, Unix seconds) with its 1-based ids as 943 users and 1682 items. */
function readRatings(path: string): Interactions {
	const lines = readFileSync(path, 'utf8').trim().split('\n');
	const users = new Int32Array(lines.length);
	const items = new Int32Array(lines.length);
	const values = new Float32Array(lines.length);
	const times = new Float64Array(lines.length);
	lines.forEach((line, row) => {
		const [user, item, rating, seconds] = line.split('\t');
		users[row] = Number(user) - 1;
		items[row] = Number(item) - 1;
		values[row] = Number(rating);
		times[row] = Number(seconds) * 1000;
	});
	return { users, items, values, times, numUsers: 943, numItems: 1682 };
}

async function measure(train: Interactions, test: Interactions, config: Record<string, number>) {
	const model = await easeSpec.fit({ interactions: train, kind: 'explicit' }, config, { seed: 42 });
	const result = await evaluateModel(model, train, test, { k: 10, predictsRatings: false });
	model.dispose();
	return { ndcg: result.ndcg, hitRate: result.hitRate };
}

it('chooses EASE settings on an inner split', async () => {
	const outer = leaveLastOut(readRatings(`${dataDirectory}/u.data`));
	const inner = leaveLastOut(outer.train);
	const lambdas = (process.env.EASE_LAMBDAS ?? '100,200,500,1000').split(',').map(Number);
	const halfLives = (process.env.EASE_HALF_LIVES ?? '0,2,5,10,20,40').split(',').map(Number);
	let best = { ndcg: -1, config: {} as Record<string, number> };
	for (const lambda of lambdas) {
		for (const recencyHalfLife of halfLives) {
			const config = { lambda, recencyHalfLife };
			const { ndcg, hitRate } = await measure(inner.train, inner.test, config);
			console.log(`validation λ ${lambda} half-life ${recencyHalfLife}: NDCG@10 ${ndcg.toFixed(4)} HR@10 ${hitRate.toFixed(4)}`);
			if (ndcg > best.ndcg) best = { ndcg, config };
		}
	}
	const test = await measure(outer.train, outer.test, best.config);
	console.log(`chosen ${JSON.stringify(best.config)} (validation NDCG@10 ${best.ndcg.toFixed(4)}): test NDCG@10 ${test.ndcg.toFixed(4)} HR@10 ${test.hitRate.toFixed(4)}`);
});
