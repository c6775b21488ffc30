/**
 * Early stopping for models trained epoch by epoch. This file has the settings
 * users see, a seeded split of training rows into fit and validation parts, and
 * a tracker that copies the parameters of the epoch with the lowest validation
 * loss. Biased MF and SVD++ pass plain tensors, NCF and AutoRec Layers weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { HyperParameter } from './contract';
import { randomPermutation } from '../eval/random';

/** Returns the validationFraction and patience hyperparameters; `heldOutUnit` names what a validation split holds out, such as "ratings". */
export function earlyStoppingHyperParameters(heldOutUnit: string, defaultPatience: number): HyperParameter[] {
	return [
		{
			key: 'validationFraction',
			label: 'Validation fraction',
			description: `Share of the training ${heldOutUnit} held out (seeded) to measure the validation loss each epoch for early stopping; 0 disables early stopping. The test set is never used.`,
			type: 'float',
			default: 0.1,
			min: 0,
			max: 0.5
		},
		{
			key: 'patience',
			label: 'Patience',
			description: 'Epochs without a lower validation loss before training stops; the weights of the best epoch are kept.',
			unit: 'epochs',
			type: 'int',
			default: defaultPatience,
			min: 1,
			max: 100
		}
	];
}

/**
 * Splits row numbers 0 … count − 1 at random into training and validation rows, both sorted.
 * floor(count × fraction) rows go to validation, but at least one row stays for training.
 */
export function holdOutRows(count: number, fraction: number, random: () => number): { train: Int32Array; validation: Int32Array } {
	const order = randomPermutation(count, random);
	const validationCount = Math.min(Math.floor(count * fraction), count - 1);
	return { train: order.slice(validationCount).sort(), validation: order.slice(0, validationCount).sort() };
}

/**
 * Tracks the best validation loss and a copy of the parameters at that epoch.
 * The copies are its own: {@link takeBest} hands them over, {@link restoreBest}
 * writes them into a Layers model, and {@link dispose} frees what is left.
 */
export class EarlyStopping {
	bestLoss = Number.POSITIVE_INFINITY;
	bestEpoch = 0;
	private epoch = 0;
	private best: tf.Tensor[] | null = null;

	constructor(private readonly patience: number) {}

	/** Records one epoch's validation loss and returns true when training should stop. */
	update(loss: number, parameters: tf.Tensor[]): boolean {
		this.epoch++;
		if (loss < this.bestLoss) {
			this.bestLoss = loss;
			this.bestEpoch = this.epoch;
			// tf.clone shares the data, and the optimiser's assign gives each variable new data, so the copy stays fixed.
			if (this.best) tf.dispose(this.best);
			this.best = parameters.map((parameter) => tf.clone(parameter));
		}
		return this.epoch - this.bestEpoch >= this.patience;
	}

	/**
	 * Returns the best epoch's parameters and disposes `current`, or returns
	 * `current` when no epoch was recorded. The caller owns the result.
	 */
	takeBest(current: tf.Tensor[]): tf.Tensor[] {
		if (!this.best) return current;
		const best = this.best;
		this.best = null;
		tf.dispose(current);
		return best;
	}

	/** Writes the best epoch's weights back into `model`, when any epoch was recorded. */
	restoreBest(model: tf.LayersModel): void {
		if (this.best) model.setWeights(this.best);
	}

	dispose(): void {
		if (this.best) tf.dispose(this.best);
		this.best = null;
	}
}
