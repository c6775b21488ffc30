/**
 * Early stopping for tfjs Layers models trained epoch by epoch: the settings
 * users see, and a tracker that keeps a copy of the weights of the epoch with
 * the lowest validation loss.
 */
import * as tf from '@tensorflow/tfjs';
import type { HyperParameter } from './contract';

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

/** Tracks the best validation loss; call {@link dispose} in a finally block. */
export class EarlyStopping {
	private bestWeights: tf.Tensor[] | null = null;
	private bestLoss = Number.POSITIVE_INFINITY;
	private epochsWithoutImprovement = 0;

	constructor(private readonly patience: number) {}

	/** Records an epoch's validation loss, copying the weights when it is the lowest so far. Returns true when training should stop. */
	update(validationLoss: number, model: tf.LayersModel): boolean {
		if (validationLoss < this.bestLoss) {
			this.bestLoss = validationLoss;
			this.epochsWithoutImprovement = 0;
			tf.dispose(this.bestWeights ?? []);
			this.bestWeights = tf.tidy(() => model.getWeights().map((weight) => weight.clone()));
			return false;
		}
		return ++this.epochsWithoutImprovement >= this.patience;
	}

	/** Writes the best epoch's weights back into `model`, when any epoch was recorded. */
	restoreBest(model: tf.LayersModel): void {
		if (this.bestWeights) model.setWeights(this.bestWeights);
	}

	dispose(): void {
		tf.dispose(this.bestWeights ?? []);
		this.bestWeights = null;
	}
}
