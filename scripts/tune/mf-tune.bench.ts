/**
 * Biased MF on MovieLens 100K's predefined folds (u1 … u5): RMSE per fold and
 * fit time. Reads the data from ML100K_DIR; nothing is copied into the repository.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import type { Interactions } from '../../src/lib/data/types';
import { biasedMfSpec } from '../../src/lib/models/biased-mf';
import { evaluateModel } from '../../src/lib/eval/evaluate';
import { useTestBackend, type TestBackend } from '../../src/lib/tf/testing';

const dataDirectory = process.env.ML100K_DIR ?? '/work/shared/data/ml-100k';

/** Reads a u*.base/u*.test file; MovieLens ids are 1-based, 943 users and 1682 items. */
function readFold(path: string): Interactions {
	const lines = readFileSync(path, 'utf8').trim().split('\n');
	const users = new Int32Array(lines.length);
	const items = new Int32Array(lines.length);
	const values = new Float32Array(lines.length);
	lines.forEach((line, row) => {
		const [user, item, rating] = line.split('\t');
		users[row] = Number(user) - 1;
		items[row] = Number(item) - 1;
		values[row] = Number(rating);
	});
	return { users, items, values, times: null, numUsers: 943, numItems: 1682 };
}

it('tunes biased MF on ml-100k folds', async () => {
	const backend = (process.env.MF_BACKEND ?? 'wasm') as TestBackend;
	await useTestBackend(backend);
	const config = JSON.parse(process.env.MF_CONFIG ?? '{}');
	const folds = (process.env.MF_FOLDS ?? '1,2,3,4,5').split(',').map(Number);
	const results: { fold: number; rmse: number; fitSeconds: number }[] = [];

	for (const fold of folds) {
		const train = readFold(`${dataDirectory}/u${fold}.base`);
		const test = readFold(`${dataDirectory}/u${fold}.test`);
		const started = performance.now();
		const model = await biasedMfSpec.fit({ interactions: train, kind: 'explicit' }, config, { seed: 42 });
		const fitSeconds = (performance.now() - started) / 1000;
		const predictions = new Float32Array(test.users.length);
		for (let user = 0; user < test.numUsers; user++) {
			const rows: number[] = [];
			test.users.forEach((testUser, row) => testUser === user && rows.push(row));
			if (rows.length === 0) continue;
			const scores = await model.score(user);
			for (const row of rows) predictions[row] = scores[test.items[row]];
		}
		let squared = 0;
		predictions.forEach((prediction, row) => (squared += (prediction - test.values[row]) ** 2));
		const rmse = Math.sqrt(squared / test.users.length);
		if (process.env.MF_RANKING) {
			const evaluation = await evaluateModel(model, train, test, { k: 10, predictsRatings: true });
			console.log(`fold ${fold} ndcg@10 ${evaluation.ndcg.toFixed(4)} hr@10 ${evaluation.hitRate.toFixed(4)} rmse ${evaluation.rmse?.toFixed(4)} eval ${evaluation.timing.seconds.toFixed(2)} s`);
		}
		model.dispose();
		results.push({ fold, rmse, fitSeconds });
		console.log(`fold ${fold} rmse ${rmse.toFixed(4)} fit ${fitSeconds.toFixed(2)} s`);
	}
	const mean = (key: 'rmse' | 'fitSeconds') => results.reduce((sum, result) => sum + result[key], 0) / results.length;
	console.log(`${tf.getBackend()} ${JSON.stringify(config)} mean rmse ${mean('rmse').toFixed(4)} mean fit ${mean('fitSeconds').toFixed(2)} s`);
});
