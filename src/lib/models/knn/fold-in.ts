/**
 * Fold-in for item-kNN: the picks become the new user's row, and each item is
 * scored from its stored neighbours among the picks, exactly as for a trained
 * user. The new user's bias is the bias baseline's own estimate with the item
 * biases fixed: Σ (r − μ − b_i) / (n + regUser), regUser = 15 as in training.
 * User-kNN would need the new user's similarity to every user, which the model
 * does not store, so it has no fold-in.
 */
import type { Explanation, NewUserPick } from '../contract';
import { defaultBaselineOptions } from '../baselines/bias-baseline';
import { checkPicks, scoresOf, type FoldIn } from '../fold-in';
import type { KnnConfig } from './config';
import type { KnnState } from './model';

export function itemKnnFoldIn(settings: KnnConfig, state: KnnState): FoldIn {
	const { globalMean, itemBias } = state.baselines;
	const numItems = itemBias.length;
	const explicit = settings.mode === 'explicit';

	/** Computes the user bias and the value each picked item enters the score with (NaN for items not picked). */
	function userRow(picks: NewUserPick[]) {
		checkPicks(picks, numItems);
		let deviation = 0;
		for (const { item, value } of picks) deviation += value - globalMean - itemBias[item];
		const userBias = explicit ? deviation / (picks.length + defaultBaselineOptions.regUser) : 0;
		const values = new Float64Array(numItems).fill(Number.NaN);
		for (const { item, value } of picks) values[item] = explicit ? value - (globalMean + userBias + itemBias[item]) : value;
		return { userBias, values };
	}

	/** Predicts one item from its first k neighbours among the picks, recording them in `used` when given. */
	function predict(item: number, userBias: number, values: Float64Array, used: { index: number; similarity: number; value: number }[] | null) {
		const { offsets, indices, values: similarities } = state.neighbours;
		let taken = 0;
		let weighted = 0;
		let similaritySum = 0;
		for (let entry = offsets[item]; entry < offsets[item + 1] && taken < settings.k; entry++) {
			const value = values[indices[entry]];
			if (Number.isNaN(value)) continue;
			weighted += similarities[entry] * value;
			similaritySum += similarities[entry];
			taken++;
			used?.push({ index: indices[entry], similarity: similarities[entry], value });
		}
		const baseline = explicit ? globalMean + userBias + itemBias[item] : 0;
		if (taken === 0 || taken < settings.minK) {
			const fallback = taken === 0 ? 'none of the picked items is among this item’s stored neighbours' : `only ${taken} neighbours among the picks, fewer than minK (${settings.minK})`;
			return { score: baseline, baseline, fallback };
		}
		return { score: explicit ? baseline + weighted / similaritySum : similaritySum, baseline, fallback: undefined };
	}

	return {
		async scoreNewUser(picks, items) {
			const { userBias, values } = userRow(picks);
			return scoresOf(numItems, items, (item) => predict(item, userBias, values, null).score);
		},
		async explainNewUser(picks, item): Promise<Explanation> {
			const { userBias, values } = userRow(picks);
			const used: { index: number; similarity: number; value: number }[] = [];
			const { baseline, fallback } = predict(item, userBias, values, used);
			return { kind: 'neighbours', mode: 'items', baseline: explicit ? baseline : 0, neighbours: fallback ? [] : used, ...(fallback ? { fallback } : {}) };
		}
	};
}
