/**
 * Gives latent dimensions a meaning for the page: for the dimensions an
 * explanation shows first, the items whose item-factor value on that dimension
 * is highest. Reads the model's saved `itemFactors` array (biased MF, SVD++,
 * implicit ALS, BPR; `c{index}/itemFactors` for a hybrid's components).
 */
import type { Explanation, NamedArray } from '../models/contract';
import { topK } from '../eval/top-k';

/** Per model id, per dimension: titles of the items that load highest on it. */
export type DimensionItems = Record<string, Record<number, string[]>>;

const shownDimensions = 3;
const itemsPerDimension = 3;

/** Top items of the explanation's leading dimensions, for the model and, in a hybrid, each factor component. */
export function dimensionItemsFor(
	explanation: Explanation,
	modelType: string,
	arrays: NamedArray[],
	strings: Record<string, string[]> | undefined,
	itemLabel: (index: number) => string
): DimensionItems {
	const result: DimensionItems = {};
	const add = (model: string, prefix: string, inner: Explanation) => {
		if (inner.kind !== 'latent-factors') return;
		const factors = arrays.find((array) => array.name === `${prefix}itemFactors`);
		if (!factors || factors.shape.length !== 2) return;
		const [numItems, width] = factors.shape;
		const perDimension: Record<number, string[]> = {};
		for (const { dimension } of inner.dimensions.slice(0, shownDimensions)) {
			if (dimension >= width) continue;
			const column = new Float32Array(numItems);
			for (let item = 0; item < numItems; item++) column[item] = factors.data[item * width + dimension];
			perDimension[dimension] = Array.from(topK(column, itemsPerDimension), itemLabel);
		}
		result[model] = perDimension;
	};

	if (explanation.kind === 'hybrid') {
		const componentTypes = strings?.componentTypes ?? [];
		for (const component of explanation.components) {
			const index = componentTypes.indexOf(component.model);
			if (index >= 0) add(component.model, `c${index}/`, component.explanation);
		}
	} else {
		add(modelType, '', explanation);
	}
	return result;
}
