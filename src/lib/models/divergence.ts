/** An epoch loss this many times the first epoch's loss counts as divergence. */
const explosionFactor = 100;

/**
 * Throws when an epoch's mean loss is not finite or has grown past
 * `explosionFactor` times the first epoch's, so training stops before a broken
 * model is saved, with advice on the learning rate.
 */
export function throwIfDiverged(epoch: number, loss: number, firstLoss: number, learningRate: number): void {
	if (!Number.isFinite(loss) || loss > explosionFactor * firstLoss) {
		throw new Error(`training diverged at epoch ${epoch} (loss ${loss}): lower the learning rate (now ${learningRate})`);
	}
}
