/**
 * Fold-in for the content-based model: the new user's profile is built from
 * the picks as for a trained user, each item vector weighted by its rating minus
 * the picks' mean rating (explicit data) or by 1. When every pick has the same
 * rating (three "likes"), those weights would all be 0, so each pick counts 1 instead.
 */
import type { Explanation, NewUserPick } from '../contract';
import type { Csr } from '../baselines/common';
import { checkPicks, scoresOf, type FoldIn } from '../fold-in';

export function contentFoldIn(state: { vocabulary: string[]; vectors: Csr; explicit: boolean }): FoldIn {
	const { vocabulary, vectors, explicit } = state;
	const numItems = vectors.offsets.length - 1;

	function profileOf(picks: NewUserPick[]): { profile: Float64Array; norm: number } {
		checkPicks(picks, numItems);
		const mean = picks.reduce((sum, pick) => sum + pick.value, 0) / Math.max(1, picks.length);
		const varied = explicit && picks.some((pick) => pick.value !== mean);
		const profile = new Float64Array(vocabulary.length);
		for (const { item, value } of picks) {
			const weight = varied ? value - mean : 1;
			for (let entry = vectors.offsets[item]; entry < vectors.offsets[item + 1]; entry++) profile[vectors.indices[entry]] += weight * vectors.values[entry];
		}
		let squares = 0;
		for (const value of profile) squares += value * value;
		return { profile, norm: Math.sqrt(squares) };
	}

	const contributions = (profile: Float64Array, norm: number, item: number) => {
		const parts: { feature: string; weight: number }[] = [];
		for (let entry = vectors.offsets[item]; entry < vectors.offsets[item + 1] && norm > 0; entry++) {
			const weight = (profile[vectors.indices[entry]] * vectors.values[entry]) / norm;
			if (weight !== 0) parts.push({ feature: vocabulary[vectors.indices[entry]], weight });
		}
		return parts;
	};

	return {
		async scoreNewUser(picks, items) {
			const { profile, norm } = profileOf(picks);
			return scoresOf(numItems, items, (item) => contributions(profile, norm, item).reduce((sum, part) => sum + part.weight, 0));
		},
		async explainNewUser(picks, item): Promise<Explanation> {
			const { profile, norm } = profileOf(picks);
			const features = contributions(profile, norm, item).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
			return { kind: 'content', features };
		}
	};
}
