/**
 * Helpers shared by the models that run in plain TypeScript (baselines, kNN,
 * EASE, content-based): index checks, CSR indices and
 * reading saved arrays back with their lengths checked.
 */
import type { NamedArray, SavedModel, ScoredItem } from '../contract';
export { resolveConfig } from '../config';
import { topK } from '../../eval/top-k';

export function checkUser(user: number, numUsers: number): void {
	if (!(Number.isInteger(user) && user >= 0 && user < numUsers)) {
		throw new Error(`user index ${user} out of range 0..${numUsers - 1}`);
	}
}

export function checkItem(item: number, numItems: number): void {
	if (!(Number.isInteger(item) && item >= 0 && item < numItems)) {
		throw new Error(`item index ${item} out of range 0..${numItems - 1}`);
	}
}

/** Returns the k best-scored items, best first, without the excluded ones. */
export function recommendFromScores(scores: Float32Array, k: number, exclude?: Iterable<number>): ScoredItem[] {
	const excluded = new Set(exclude ?? []);
	const items = topK(scores, k, (item) => excluded.has(item));
	return Array.from(items, (item) => ({ item, score: scores[item] }));
}

/**
 * A compressed sparse row index: row `r` contains `indices[offsets[r] .. offsets[r + 1])`
 * with the matching `values`, its columns in ascending order.
 */
export interface Csr {
	offsets: Int32Array;
	indices: Int32Array;
	values: Float32Array;
}

/**
 * Builds a CSR index of the entries (rows[e], columns[e], values[e]).
 * Two stable counting sorts (by column, then by row) sort each row's columns,
 * so the result and every sum taken over it do not depend on the input order.
 */
export function buildCsr(rows: Int32Array, columns: Int32Array, values: Float32Array, numRows: number, numColumns: number): Csr {
	const count = rows.length;
	const byColumn = countingSort(columns, numColumns, null);
	const order = countingSort(rows, numRows, byColumn.order);
	const indices = new Int32Array(count);
	const sortedValues = new Float32Array(count);
	for (let position = 0; position < count; position++) {
		const entry = order.order[position];
		indices[position] = columns[entry];
		sortedValues[position] = values[entry];
	}
	return { offsets: order.offsets, indices, values: sortedValues };
}

/** Stable counting sort of entry numbers by `keys`; `input` is the order to keep among equal keys. */
function countingSort(keys: Int32Array, numKeys: number, input: Int32Array | null): { order: Int32Array; offsets: Int32Array } {
	const offsets = new Int32Array(numKeys + 1);
	for (const key of keys) offsets[key + 1]++;
	for (let key = 0; key < numKeys; key++) offsets[key + 1] += offsets[key];
	const cursor = offsets.slice(0, numKeys);
	const order = new Int32Array(keys.length);
	for (let position = 0; position < keys.length; position++) {
		const entry = input ? input[position] : position;
		order[cursor[keys[entry]]++] = entry;
	}
	return { order, offsets };
}

export function float32Array(name: string, data: Float32Array): NamedArray {
	return { name, shape: [data.length], dtype: 'float32', data: Float32Array.from(data) };
}

export function int32Array(name: string, data: Int32Array): NamedArray {
	return { name, shape: [data.length], dtype: 'int32', data: Int32Array.from(data) };
}

/** Throws unless `saved` was written by a model of type `modelType`. */
export function checkModelType(saved: SavedModel, modelType: string): void {
	if (saved.modelType !== modelType) {
		throw new Error(`cannot load a '${saved.modelType}' model as '${modelType}'`);
	}
}

/** Returns a copy of the saved array `name`, checking its dtype and, when given, its length. */
export function readFloat32(saved: SavedModel, name: string, length?: number): Float32Array {
	return Float32Array.from(findArray(saved, name, 'float32', length).data);
}

export function readInt32(saved: SavedModel, name: string, length?: number): Int32Array {
	return Int32Array.from(findArray(saved, name, 'int32', length).data);
}

function findArray(saved: SavedModel, name: string, dtype: NamedArray['dtype'], length?: number): NamedArray {
	const array = saved.arrays.find((candidate) => candidate.name === name);
	if (!array) throw new Error(`${saved.modelType} model is missing the array '${name}': re-export the model`);
	if (array.dtype !== dtype) throw new Error(`${saved.modelType} array '${name}' has dtype ${array.dtype}, expected ${dtype}`);
	if (length !== undefined && array.data.length !== length) {
		throw new Error(`${saved.modelType} array '${name}' has length ${array.data.length}, expected ${length}`);
	}
	return array;
}

/** Reads a CSR index saved as `${prefix}Offsets`, `${prefix}Indices` and `${prefix}Values`, checking its structure. */
export function readCsr(saved: SavedModel, prefix: string, numRows: number, numColumns: number): Csr {
	const offsets = readInt32(saved, `${prefix}Offsets`, numRows + 1);
	const indices = readInt32(saved, `${prefix}Indices`);
	const values = readFloat32(saved, `${prefix}Values`, indices.length);
	let previous = 0;
	for (const offset of offsets) {
		if (offset < previous || offset > indices.length) {
			throw new Error(`${saved.modelType} array '${prefix}Offsets' is not a valid CSR offset list: re-export the model`);
		}
		previous = offset;
	}
	if (offsets[0] !== 0 || offsets[numRows] !== indices.length) {
		throw new Error(`${saved.modelType} array '${prefix}Offsets' does not span '${prefix}Indices': re-export the model`);
	}
	for (const index of indices) {
		if (!(index >= 0 && index < numColumns)) {
			throw new Error(`${saved.modelType} array '${prefix}Indices' has invalid index ${index}: expected 0..${numColumns - 1}`);
		}
	}
	return { offsets, indices, values };
}

export function csrArrays(prefix: string, csr: Csr): NamedArray[] {
	return [int32Array(`${prefix}Offsets`, csr.offsets), int32Array(`${prefix}Indices`, csr.indices), float32Array(`${prefix}Values`, csr.values)];
}
