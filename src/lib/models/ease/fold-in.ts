/** Fold-in for EASE: the picks are the new user's row x, and the scores are x · B. */
import type { Explanation } from '../contract';
import { checkPicks, scoresOf, type FoldIn } from '../fold-in';

/** `weights` is B, row-major items × items; `binary` makes every pick count 1, as X did in training. */
export function easeFoldIn(weights: Float32Array, numItems: number, binary: boolean): FoldIn {
	return {
		async scoreNewUser(picks, items) {
			checkPicks(picks, numItems);
			return scoresOf(numItems, items, (item) => picks.reduce((sum, pick) => sum + (binary ? 1 : pick.value) * weights[pick.item * numItems + item], 0));
		},
		async explainNewUser(picks, item): Promise<Explanation> {
			checkPicks(picks, numItems);
			const contributions = picks.map((pick) => ({ index: pick.item, weight: (binary ? 1 : pick.value) * weights[pick.item * numItems + item] }));
			contributions.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
			return { kind: 'item-similarity', contributions };
		}
	};
}
