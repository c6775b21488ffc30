/**
 * Comparison of models evaluated on the same split: bootstrap confidence
 * intervals of each model's mean per-user metric, and a paired bootstrap test
 * of each model against the best one.
 *
 * Resampling unit: the ranked user. One resample draws n users with
 * replacement, and every model and metric is averaged over the same drawn
 * users, so the intervals and tests are paired. Intervals are percentile
 * intervals: the (1 − confidence) / 2 and (1 + confidence) / 2 quantiles of the B resampled means.
 */
import type { PerUserMetric, PerUserMetrics } from './evaluate';
import { mulberry32 } from './random';

export interface BootstrapOptions {
	/** Number of bootstrap resamples B; default 1000. */
	resamples?: number;
	/** Coverage of the percentile interval, between 0 and 1; default 0.95. */
	confidence?: number;
	/** Seed of the resampling; default 0. The same seed gives the same intervals and p-values. */
	seed?: number;
}

export interface MeanInterval {
	mean: number;
	lower: number;
	upper: number;
}

export interface PairedTest {
	/** Mean of a − b over the paired users. */
	meanDifference: number;
	/** Percentile interval of the mean difference. */
	lower: number;
	upper: number;
	/** Two-sided p-value of "the mean difference is 0"; see {@link pairedBootstrapTest}. */
	pValue: number;
}

function resolveOptions(options: BootstrapOptions): Required<BootstrapOptions> {
	const resamples = options.resamples ?? 1000;
	const confidence = options.confidence ?? 0.95;
	if (!(Number.isInteger(resamples) && resamples >= 1)) throw new Error(`invalid resamples ${resamples}: expected a whole number of 1 or more, such as 1000`);
	if (!(confidence > 0 && confidence < 1)) throw new Error(`invalid confidence ${confidence}: expected a number between 0 and 1, such as 0.95`);
	return { resamples, confidence, seed: options.seed ?? 0 };
}

/**
 * Bootstrap means of several equally long series resampled together: entry
 * [s][b] is the mean of series s over resample b. Cost: B × n draws and B × n × series additions.
 */
export function bootstrapMeans(series: readonly ArrayLike<number>[], resamples: number, seed: number): Float64Array[] {
	const length = series[0]?.length ?? 0;
	for (const values of series) {
		if (values.length !== length) throw new Error(`series lengths differ (${values.length} and ${length}): pair values of the same users`);
	}
	const means = series.map(() => new Float64Array(resamples));
	if (length === 0) {
		for (const row of means) row.fill(Number.NaN);
		return means;
	}
	const random = mulberry32(seed);
	const sums = new Float64Array(series.length);
	for (let resample = 0; resample < resamples; resample++) {
		sums.fill(0);
		for (let draw = 0; draw < length; draw++) {
			const index = Math.floor(random() * length);
			for (let s = 0; s < series.length; s++) sums[s] += series[s][index];
		}
		for (let s = 0; s < series.length; s++) means[s][resample] = sums[s] / length;
	}
	return means;
}

/** Quantile of sorted values with linear interpolation between order statistics (position (n − 1) × p). */
export function quantileOfSorted(sorted: ArrayLike<number>, probability: number): number {
	if (sorted.length === 0) return Number.NaN;
	const position = (sorted.length - 1) * probability;
	const below = Math.floor(position);
	const above = Math.min(below + 1, sorted.length - 1);
	return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

function meanOf(values: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i];
	return values.length > 0 ? sum / values.length : Number.NaN;
}

function percentileInterval(bootstrap: Float64Array, confidence: number): { lower: number; upper: number } {
	const sorted = Float64Array.from(bootstrap).sort();
	const tail = (1 - confidence) / 2;
	return { lower: quantileOfSorted(sorted, tail), upper: quantileOfSorted(sorted, 1 - tail) };
}

/**
 * Two-sided p-value of a paired bootstrap test from the bootstrap mean
 * differences Δ*_b of resamples b = 1..B and the observed mean difference d̄:
 * p = (1 + #{b : |Δ*_b − d̄| ≥ |d̄|}) / (B + 1).
 * Δ*_b − d̄ is the resampled mean of the centred differences dᵢ − d̄. Centring
 * imposes the null hypothesis (mean difference 0). The +1 terms count the
 * observed sample, so p is never 0.
 */
function bootstrapPValue(differences: Float64Array, observed: number): number {
	let extreme = 0;
	const size = Math.abs(observed);
	for (const difference of differences) if (Math.abs(difference - observed) >= size) extreme++;
	return (1 + extreme) / (differences.length + 1);
}

/** Percentile bootstrap confidence interval of the mean of `values`. */
export function bootstrapMeanInterval(values: ArrayLike<number>, options: BootstrapOptions = {}): MeanInterval {
	const { resamples, confidence, seed } = resolveOptions(options);
	const [means] = bootstrapMeans([values], resamples, seed);
	return { mean: meanOf(values), ...percentileInterval(means, confidence) };
}

/**
 * Paired bootstrap test of the mean difference between `a` and `b`, where
 * a[i] and b[i] belong to the same user. Returns the mean difference, its
 * percentile interval, and the p-value of {@link bootstrapPValue}.
 */
export function pairedBootstrapTest(a: ArrayLike<number>, b: ArrayLike<number>, options: BootstrapOptions = {}): PairedTest {
	const { resamples, confidence, seed } = resolveOptions(options);
	const [meansA, meansB] = bootstrapMeans([a, b], resamples, seed);
	const differences = meansA.map((mean, resample) => mean - meansB[resample]);
	const meanDifference = meanOf(a) - meanOf(b);
	return { meanDifference, ...percentileInterval(differences, confidence), pValue: bootstrapPValue(differences, meanDifference) };
}

/** One model's per-user metrics on a split, under a name for tables. */
export interface ModelUserMetrics {
	model: string;
	perUser: PerUserMetrics;
}

export interface ModelComparisonRow extends MeanInterval {
	model: string;
	/** True for the model with the best mean (ties go to the first listed). */
	isBest: boolean;
	/** Mean of this model minus the best model; 0 for the best. */
	differenceFromBest: number;
	/** Paired bootstrap p-value against the best model; null for the best itself. */
	pValue: number | null;
}

export interface MetricComparison {
	metric: PerUserMetric;
	/** Users whose value is finite for every model; the means, intervals and tests use only these. */
	usersCompared: number;
	rows: ModelComparisonRow[];
}

/** Ranking metrics compared by default; all are better when higher. */
export const DEFAULT_COMPARED_METRICS: readonly PerUserMetric[] = ['hitRate', 'ndcg', 'precision', 'recall', 'map', 'mrr'];

/** Joins per-user metrics of several folds into one sample of (fold, user) pairs, in the order given. */
export function concatPerUser(folds: readonly PerUserMetrics[]): PerUserMetrics {
	const total = folds.reduce((sum, fold) => sum + fold.users.length, 0);
	const users = new Int32Array(total);
	const values = {} as Record<PerUserMetric, Float64Array>;
	let offset = 0;
	for (const fold of folds) {
		users.set(fold.users, offset);
		for (const [metric, array] of Object.entries(fold.values) as [PerUserMetric, Float64Array][]) {
			values[metric] ??= new Float64Array(total).fill(Number.NaN);
			values[metric].set(array, offset);
		}
		offset += fold.users.length;
	}
	return { users, values };
}

function sameUsers(first: Int32Array, second: Int32Array): boolean {
	if (first.length !== second.length) return false;
	for (let i = 0; i < first.length; i++) if (first[i] !== second[i]) return false;
	return true;
}

/**
 * Compares models evaluated on the same split with the same options, metric by
 * metric: each model's mean with a percentile bootstrap interval, and a paired
 * bootstrap p-value against the model with the highest mean. All metrics and
 * models share one set of resamples. Throws when the models ranked different users.
 */
export function compareModels(
	models: readonly ModelUserMetrics[],
	options: BootstrapOptions & { metrics?: readonly PerUserMetric[] } = {}
): MetricComparison[] {
	const { resamples, confidence, seed } = resolveOptions(options);
	if (models.length === 0) return [];
	for (const entry of models.slice(1)) {
		if (!sameUsers(entry.perUser.users, models[0].perUser.users)) {
			throw new Error(
				`models '${models[0].model}' and '${entry.model}' ranked different users: compare only results of the same split, relevance threshold and candidate set`
			);
		}
	}

	const comparisons: MetricComparison[] = [];
	for (const metric of options.metrics ?? DEFAULT_COMPARED_METRICS) {
		// Keep only users with a finite value for every model, so the pairs line up.
		const all = models.map((entry) => entry.perUser.values[metric]);
		const keep: number[] = [];
		for (let i = 0; i < models[0].perUser.users.length; i++) {
			if (all.every((values) => Number.isFinite(values[i]))) keep.push(i);
		}
		const series = all.map((values) => Float64Array.from(keep, (i) => values[i]));
		const means = series.map(meanOf);
		const bootstrap = bootstrapMeans(series, resamples, seed);

		let best = 0;
		for (let index = 1; index < models.length; index++) if (means[index] > means[best]) best = index;
		const rows = models.map((entry, index): ModelComparisonRow => {
			const differences = bootstrap[index].map((mean, resample) => mean - bootstrap[best][resample]);
			const differenceFromBest = means[index] - means[best];
			return {
				model: entry.model,
				mean: means[index],
				...percentileInterval(bootstrap[index], confidence),
				isBest: index === best,
				differenceFromBest,
				pValue: index === best || keep.length === 0 ? null : bootstrapPValue(differences, differenceFromBest)
			};
		});
		comparisons.push({ metric, usersCompared: keep.length, rows });
	}
	return comparisons;
}
