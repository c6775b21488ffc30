/**
 * Feature matrices for segmentation: one row per user or item, built from a
 * trained model's factors, from item metadata (TF-IDF), or from the
 * interaction matrix reduced by truncated SVD, then prepared for Euclidean
 * k-means. Each builder states its preparation in one sentence, which the
 * stored result shows next to the map.
 */
import type { Dataset } from '../data/types';
import type { NamedArray } from '../models/contract';
import { buildItemVectors } from '../models/content/features';
import type { ModelRecord } from '../storage/schema';
import { truncatedSvd, type SparseMatrix } from './svd';
import type { FeatureSource, SegmentEntity } from './types';

/** Row-major points: row r is `data[r * dimensions .. (r + 1) * dimensions)`. */
export interface FeatureMatrix {
	data: Float32Array;
	rows: number;
	dimensions: number;
	/** Description of how the features were built and scaled, in a sentence. */
	preparation: string;
}

export interface FeatureContext {
	seed: number;
	signal?: AbortSignal;
	onProgress?: (done: number, total: number) => void;
	/** Loads a stored model; needed for 'model-factors'. */
	loadModel?: (modelId: string) => Promise<ModelRecord>;
}

/** Dimensions of the content vectors after truncated SVD of the TF-IDF matrix. */
const CONTENT_COMPONENTS = 32;

/** Centres each row at zero mean and scales it to unit L2 norm; zero rows stay zero. */
export function centreAndNormaliseRows(matrix: FeatureMatrix): void {
	const { data, rows, dimensions } = matrix;
	for (let row = 0; row < rows; row++) {
		const offset = row * dimensions;
		let mean = 0;
		for (let d = 0; d < dimensions; d++) mean += data[offset + d];
		mean /= dimensions;
		let squares = 0;
		for (let d = 0; d < dimensions; d++) {
			data[offset + d] -= mean;
			squares += data[offset + d] ** 2;
		}
		const norm = Math.sqrt(squares);
		if (norm > 0) for (let d = 0; d < dimensions; d++) data[offset + d] /= norm;
	}
}

/** Scales each row to unit L2 norm (cosine geometry); zero rows stay zero. */
export function normaliseRows(matrix: FeatureMatrix): void {
	const { data, rows, dimensions } = matrix;
	for (let row = 0; row < rows; row++) {
		const offset = row * dimensions;
		let squares = 0;
		for (let d = 0; d < dimensions; d++) squares += data[offset + d] ** 2;
		const norm = Math.sqrt(squares);
		if (norm > 0) for (let d = 0; d < dimensions; d++) data[offset + d] /= norm;
	}
}

/** Subtracts each column's mean, so the vectors are centred on the population. */
export function centreColumns(matrix: FeatureMatrix): void {
	const { data, rows, dimensions } = matrix;
	const means = new Float64Array(dimensions);
	for (let row = 0; row < rows; row++) for (let d = 0; d < dimensions; d++) means[d] += data[row * dimensions + d];
	for (let d = 0; d < dimensions; d++) means[d] /= Math.max(rows, 1);
	for (let row = 0; row < rows; row++) for (let d = 0; d < dimensions; d++) data[row * dimensions + d] -= means[d];
}

/**
 * Finds the factor array for `entity` in a stored model: `userFactors` or
 * `itemFactors`, the names every factor model in this project saves. Biases
 * are separate arrays and never enter the features.
 */
export function findFactorArray(record: Pick<ModelRecord, 'arrays' | 'name' | 'modelType'>, entity: SegmentEntity): NamedArray {
	const name = entity === 'users' ? 'userFactors' : 'itemFactors';
	const array = record.arrays.find((candidate) => candidate.name === name);
	if (!array) {
		const names = record.arrays.map((candidate) => candidate.name).join(', ');
		throw new Error(
			`model "${record.name}" (${record.modelType}) has no '${name}' array (it has ${names || 'none'}): pick a factor model such as biased MF, ALS or BPR`
		);
	}
	if (array.shape.length !== 2 || array.data.length !== array.shape[0] * array.shape[1]) {
		throw new Error(`model "${record.name}" array '${name}' has invalid shape [${array.shape}]: retrain or re-import the model`);
	}
	return array;
}

/**
 * Factor vectors, centred on the population mean and then scaled to unit length.
 * Unit length removes each vector's magnitude, which in factor models mostly
 * tracks activity and confidence, and leaves its direction, which is the taste.
 */
export function factorFeatures(record: ModelRecord, entity: SegmentEntity, expectedRows: number): FeatureMatrix {
	const array = findFactorArray(record, entity);
	const [rows, dimensions] = array.shape;
	if (rows !== expectedRows) {
		throw new Error(
			`model "${record.name}" has ${rows} ${entity} but the dataset has ${expectedRows}: pick a model trained on this dataset`
		);
	}
	const matrix: FeatureMatrix = {
		data: Float32Array.from(array.data),
		rows,
		dimensions,
		preparation: `${dimensions} ${entity === 'users' ? 'user' : 'item'} factors of "${record.name}" (biases left out), centred on the mean vector, each vector scaled to unit length (cosine geometry)`
	};
	centreColumns(matrix);
	normaliseRows(matrix);
	return matrix;
}

/** Per-user mean value, for centring explicit ratings. */
function userMeans(dataset: Dataset): Float64Array {
	const { users, values, numUsers } = dataset.interactions;
	const sums = new Float64Array(numUsers);
	const counts = new Float64Array(numUsers);
	for (let row = 0; row < users.length; row++) {
		sums[users[row]] += values[row];
		counts[users[row]]++;
	}
	for (let user = 0; user < numUsers; user++) sums[user] = counts[user] > 0 ? sums[user] / counts[user] : 0;
	return sums;
}

/**
 * Builds the interaction matrix with the values segmentation uses: explicit ratings
 * minus the user's mean (taste, not generosity), implicit values as
 * log(1 + value) so heavy counts do not swamp the rest.
 */
export function interactionMatrix(dataset: Dataset): SparseMatrix {
	const { users, items, values, numUsers, numItems } = dataset.interactions;
	const weights = new Float32Array(values.length);
	if (dataset.kind === 'explicit') {
		const means = userMeans(dataset);
		for (let row = 0; row < values.length; row++) weights[row] = values[row] - means[users[row]];
	} else {
		for (let row = 0; row < values.length; row++) weights[row] = Math.log1p(Math.max(values[row], 0));
	}
	return { rows: users, columns: items, values: weights, numRows: numUsers, numColumns: numItems };
}

function transpose(matrix: SparseMatrix): SparseMatrix {
	return { rows: matrix.columns, columns: matrix.rows, values: matrix.values, numRows: matrix.numColumns, numColumns: matrix.numRows };
}

/** Rows of the interaction matrix reduced by truncated SVD, scaled to unit length. */
export async function interactionFeatures(dataset: Dataset, entity: SegmentEntity, components: number, context: FeatureContext): Promise<FeatureMatrix> {
	if (!(Number.isInteger(components) && components >= 1 && components <= 256)) {
		throw new Error(`invalid components ${components}: expected an integer from 1 to 256`);
	}
	const matrix = interactionMatrix(dataset);
	const oriented = entity === 'users' ? matrix : transpose(matrix);
	const { embedding, rank } = await truncatedSvd(oriented, {
		rank: components,
		seed: context.seed,
		signal: context.signal,
		onProgress: context.onProgress
	});
	const result: FeatureMatrix = {
		data: embedding,
		rows: oriented.numRows,
		dimensions: rank,
		preparation: `${rank} components of a randomised truncated SVD of the ${entity === 'users' ? 'user' : 'item'} rows of the interaction matrix (${dataset.kind === 'explicit' ? 'ratings minus each user’s mean' : 'log(1 + value)'}), each row scaled to unit length`
	};
	normaliseRows(result);
	return result;
}

/**
 * TF-IDF item vectors from genres, tags, title words and descriptions
 * (src/lib/models/content/features.ts, every source weight 1, features shared
 * by at least 2 items), reduced to at most 32 dimensions by truncated SVD,
 * which keeps the cosine geometry of the vectors. Users get the mean of the
 * vectors of the items they rated, weighted by rating minus their mean rating
 * (explicit data) or equally (implicit data).
 */
export async function contentFeatures(dataset: Dataset, entity: SegmentEntity, context: FeatureContext): Promise<FeatureMatrix> {
	if (!dataset.items) throw new Error(`dataset "${dataset.name}" has no item metadata: import an items file or pick another feature source`);
	const { numItems } = dataset.interactions;
	const { vocabulary, vectors } = buildItemVectors(dataset.items, numItems, {
		genreWeight: 1,
		tagWeight: 1,
		titleWeight: 1,
		descriptionWeight: 1,
		minFeatureItems: 2
	});
	if (vocabulary.length === 0) {
		throw new Error(`dataset "${dataset.name}" has no genre, tag or title word shared by two items: pick another feature source`);
	}

	const itemRows = new Int32Array(vectors.values.length);
	for (let item = 0; item < numItems; item++) itemRows.fill(item, vectors.offsets[item], vectors.offsets[item + 1]);
	const tfidf: SparseMatrix = { rows: itemRows, columns: vectors.indices, values: vectors.values, numRows: numItems, numColumns: vocabulary.length };
	const { embedding, rank } = await truncatedSvd(tfidf, { rank: CONTENT_COMPONENTS, seed: context.seed, signal: context.signal, onProgress: context.onProgress });
	const itemMatrix: FeatureMatrix = {
		data: embedding,
		rows: numItems,
		dimensions: rank,
		preparation: `TF-IDF of genres, tags, title words and descriptions (${vocabulary.length} features) reduced to ${rank} dimensions by truncated SVD, each item scaled to unit length`
	};
	if (entity === 'items') {
		normaliseRows(itemMatrix);
		return itemMatrix;
	}

	const userMatrix: FeatureMatrix = {
		data: weightedUserMeans(dataset, itemMatrix),
		rows: dataset.interactions.numUsers,
		dimensions: rank,
		preparation: `mean of the TF-IDF vectors (genres, tags, title words and descriptions, ${vocabulary.length} features, reduced to ${rank} dimensions by truncated SVD) of the items each user rated, ${dataset.kind === 'explicit' ? 'weighted by rating minus the user’s mean rating' : 'equally weighted'}, each user scaled to unit length`
	};
	normaliseRows(userMatrix);
	return userMatrix;
}

/**
 * Computes each user's weighted mean of item vectors. Weights are rating minus the
 * user's mean (explicit) or 1 (implicit), divided by the sum of their absolute
 * values. A user whose ratings are all equal gets the plain mean instead.
 */
function weightedUserMeans(dataset: Dataset, itemMatrix: FeatureMatrix): Float32Array {
	const { users, items, values, numUsers } = dataset.interactions;
	const { dimensions } = itemMatrix;
	const explicit = dataset.kind === 'explicit';
	const means = explicit ? userMeans(dataset) : null;
	const weightTotals = new Float64Array(numUsers);
	const counts = new Float64Array(numUsers);
	const weighted = new Float64Array(numUsers * dimensions);
	const plain = new Float64Array(numUsers * dimensions);
	for (let row = 0; row < users.length; row++) {
		const user = users[row];
		const weight = means ? values[row] - means[user] : 1;
		weightTotals[user] += Math.abs(weight);
		counts[user]++;
		const itemOffset = items[row] * dimensions;
		for (let d = 0; d < dimensions; d++) {
			weighted[user * dimensions + d] += weight * itemMatrix.data[itemOffset + d];
			plain[user * dimensions + d] += itemMatrix.data[itemOffset + d];
		}
	}
	const result = new Float32Array(numUsers * dimensions);
	for (let user = 0; user < numUsers; user++) {
		const useWeights = weightTotals[user] > 1e-9;
		const divisor = useWeights ? weightTotals[user] : Math.max(counts[user], 1);
		const source = useWeights ? weighted : plain;
		for (let d = 0; d < dimensions; d++) result[user * dimensions + d] = source[user * dimensions + d] / divisor;
	}
	return result;
}

/** Builds the prepared feature matrix for `entity` from `source`. */
export async function buildFeatures(dataset: Dataset, entity: SegmentEntity, source: FeatureSource, context: FeatureContext): Promise<FeatureMatrix> {
	const expectedRows = entity === 'users' ? dataset.interactions.numUsers : dataset.interactions.numItems;
	switch (source.kind) {
		case 'model-factors': {
			if (!context.loadModel) throw new Error('model factors need a model loader: pass loadModel in the context');
			const record = await context.loadModel(source.modelId);
			context.onProgress?.(1, 1);
			return factorFeatures(record, entity, expectedRows);
		}
		case 'content':
			return contentFeatures(dataset, entity, context);
		case 'interactions-svd':
			return interactionFeatures(dataset, entity, source.components, context);
	}
}
