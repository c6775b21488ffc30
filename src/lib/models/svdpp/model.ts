/**
 * The fitted SVD++ model. Scoring, top-k and explanations go through a
 * biased-MF model whose user vectors are P[u] + implicit[u], so the
 * 'latent-factors' contributions and biases sum to the score. Saving keeps P,
 * Y and N(u) apart, so the file contains the complete learned state.
 */
import * as tf from '@tensorflow/tfjs';
import type { Explanation, FittedModel, ModelConfig, NamedArray, SavedModel, ScoredItem } from '../contract';
import { int32Array } from '../baselines/common';
import { BiasedMfModel } from '../biased-mf/model';
import { svdppType } from './config';
import { implicitUserVectors } from './implicit';
import type { SvdppParameters } from './train';

const factorArrays = ['userFactors', 'itemFactors', 'implicitFactors'] as const;
const biasArrays = ['userBias', 'itemBias'] as const;

export class SvdppModel implements FittedModel {
	readonly modelType = svdppType;
	private readonly scorer: BiasedMfModel;

	/** Takes ownership of the tensors in `parameters`; {@link dispose} frees them. */
	constructor(
		readonly config: ModelConfig,
		private readonly parameters: SvdppParameters
	) {
		const { userFactors, itemFactors, implicitFactors, userBias, itemBias, globalMean, implicitIndex } = parameters;
		const effective = tf.tidy(() => tf.add(userFactors, implicitUserVectors(implicitFactors, implicitIndex)) as tf.Tensor2D);
		// The scorer owns `effective` and clones of the shared tensors, so disposing it frees only its own.
		this.scorer = new BiasedMfModel(config, {
			globalMean,
			userFactors: effective,
			itemFactors: tf.clone(itemFactors),
			userBias: tf.clone(userBias),
			itemBias: tf.clone(itemBias)
		});
	}

	score(user: number, items?: Int32Array): Promise<Float32Array> {
		return this.scorer.score(user, items);
	}

	recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return this.scorer.recommend(user, k, exclude);
	}

	/** Splits the score into the mean, the biases and the per-dimension products of Q[i] with P[u] + implicit[u]. */
	explain(user: number, item: number): Promise<Explanation> {
		return this.scorer.explain(user, item);
	}

	async save(): Promise<SavedModel> {
		const read = async (name: string, tensor: tf.Tensor): Promise<NamedArray> => ({
			name,
			shape: [...tensor.shape],
			dtype: 'float32',
			data: Float32Array.from(await tensor.data())
		});
		const arrays: NamedArray[] = [{ name: 'globalMean', shape: [1], dtype: 'float32', data: Float32Array.of(this.parameters.globalMean) }];
		for (const name of [...biasArrays, ...factorArrays]) arrays.push(await read(name, this.parameters[name]));
		arrays.push(int32Array('implicitOffsets', this.parameters.implicitIndex.offsets));
		arrays.push(int32Array('implicitItems', this.parameters.implicitIndex.items));
		const [numUsers, numItems] = [this.parameters.userBias.shape[0], this.parameters.itemBias.shape[0]];
		return { modelType: svdppType, config: { ...this.config }, numUsers, numItems, arrays };
	}

	dispose(): void {
		this.scorer.dispose();
		const { userFactors, itemFactors, implicitFactors, userBias, itemBias } = this.parameters;
		tf.dispose([userFactors, itemFactors, implicitFactors, userBias, itemBias]);
	}
}

/** Rebuilds the model from saved arrays, checking each name, length and index against the config. */
export function restoreSvdpp(saved: SavedModel, config: ModelConfig, factors: number): SvdppModel {
	const { numUsers, numItems } = saved;
	const byName = new Map(saved.arrays.map((array) => [array.name, array]));
	const get = (name: string, length: number) => {
		const array = byName.get(name);
		if (!array) throw new Error(`svdpp model is missing the array '${name}': re-export the model`);
		if (array.data.length !== length) throw new Error(`svdpp array '${name}' has ${array.data.length} values, expected ${length}`);
		return array.data;
	};

	const offsets = Int32Array.from(get('implicitOffsets', numUsers + 1));
	const itemCount = byName.get('implicitItems')?.data.length ?? 0;
	const items = Int32Array.from(get('implicitItems', itemCount));
	const offsetsValid = offsets[0] === 0 && offsets[numUsers] === itemCount && offsets.every((offset, user) => user === 0 || offset >= offsets[user - 1]);
	if (!offsetsValid) throw new Error('svdpp array implicitOffsets is not a non-decreasing list from 0 to the number of implicit items');
	const invalidItem = items.find((item) => !(item >= 0 && item < numItems));
	if (invalidItem !== undefined) throw new Error(`svdpp implicit item ${invalidItem} out of range 0..${numItems - 1}`);

	const floats = (name: string, length: number) => Float32Array.from(get(name, length));
	return new SvdppModel(config, {
		globalMean: floats('globalMean', 1)[0],
		userBias: tf.tensor1d(floats('userBias', numUsers)),
		itemBias: tf.tensor1d(floats('itemBias', numItems)),
		userFactors: tf.tensor2d(floats('userFactors', numUsers * factors), [numUsers, factors]),
		itemFactors: tf.tensor2d(floats('itemFactors', numItems * factors), [numItems, factors]),
		implicitFactors: tf.tensor2d(floats('implicitFactors', numItems * factors), [numItems, factors]),
		implicitIndex: { offsets, items }
	});
}
