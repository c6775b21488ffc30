/**
 * The downloadable model file: a zip (fflate) holding `manifest.json` and
 * `weights.bin` in TensorFlow.js' weights format (`tf.io.encodeWeights`), so
 * the weights can also be read by tfjs tools. Layers models (a SavedModel with
 * a topology) also get a `model.json` in tfjs' layers-model format, which
 * `tf.loadLayersModel` reads together with weights.bin. Decoding validates
 * every field before anything is built from it.
 */
import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import packageJson from '../../../package.json';
import type { ModelConfig, NamedArray, SavedModel } from '../models/contract';

export const modelFormatName = 'recommender-lab-model';
export const modelFormatVersion = 1;

/** Largest model file accepted, compressed and per unzipped entry: 1 GiB, several times a MovieLens-25M MF model. */
export const maxModelFileBytes = 1024 ** 3;

/**
 * Largest ratio of unzipped to compressed size accepted for an entry. Float
 * weights barely compress and the JSON manifest compresses about tenfold, so a
 * far higher ratio means a zip bomb.
 */
const maxCompressionRatio = 200;

/** Entry names that would point outside a folder if extracted: absolute, drive-lettered, backslashed or with '..'. */
function isUnsafeEntryName(name: string): boolean {
	return name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..');
}

const manifestEntry = 'manifest.json';
const weightsEntry = 'weights.bin';
const modelJsonEntry = 'model.json';

export interface WeightSpec {
	name: string;
	shape: number[];
	dtype: 'float32' | 'int32';
}

/** The contents of manifest.json. */
export interface ModelManifest {
	format: typeof modelFormatName;
	formatVersion: typeof modelFormatVersion;
	modelType: string;
	config: ModelConfig;
	numUsers: number;
	numItems: number;
	/** The same layout as the `weightsManifest` of a tfjs model.json: one group, stored in weights.bin. */
	weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
	userIds: string[];
	itemIds: string[];
	/** Named string lists a model needs besides its tensors, such as a content model's vocabulary. */
	strings?: Record<string, string[]>;
	datasetFingerprint: string;
	datasetName: string;
	metrics: Record<string, number>;
	/** Version of Recommender Lab that wrote the file. */
	libraryVersion: string;
	tfjsVersion: string;
	/** ISO 8601 time of writing. */
	createdAt: string;
}

export interface ManifestExtra {
	datasetFingerprint: string;
	datasetName: string;
	metrics?: Record<string, number>;
	userIds: string[];
	itemIds: string[];
}

/** Encodes a saved model and its id maps as a zip file's bytes. */
export async function encodeModelFile(saved: SavedModel, manifestExtra: ManifestExtra): Promise<Uint8Array> {
	if (manifestExtra.userIds.length !== saved.numUsers || manifestExtra.itemIds.length !== saved.numItems) {
		throw new Error(
			`id maps have ${manifestExtra.userIds.length} users and ${manifestExtra.itemIds.length} items but the model has ${saved.numUsers} and ${saved.numItems}: pass the training dataset's ids`
		);
	}
	for (const [name, value] of Object.entries(manifestExtra.metrics ?? {})) {
		if (!Number.isFinite(value)) throw new Error(`metric '${name}' is ${value}: pass only finite metrics`);
	}
	const layerWeightCount = saved.topology === undefined ? 0 : countLayerWeights(saved.topology, saved.arrays);
	const arrays = saved.topology === undefined ? saved.arrays : layerWeightsFirst(saved.topology, saved.arrays);
	const tensors = arrays.map((array) => ({ name: array.name, tensor: tf.tensor(array.data, array.shape, array.dtype) }));
	let encoded: { data: ArrayBuffer; specs: tf.io.WeightsManifestEntry[] };
	try {
		encoded = await tf.io.encodeWeights(tensors);
	} finally {
		tf.dispose(tensors.map((named) => named.tensor));
	}

	const manifest: ModelManifest = {
		format: modelFormatName,
		formatVersion: modelFormatVersion,
		modelType: saved.modelType,
		config: saved.config,
		numUsers: saved.numUsers,
		numItems: saved.numItems,
		weightsManifest: [
			{
				paths: [weightsEntry],
				weights: encoded.specs.map((spec) => ({ name: spec.name, shape: spec.shape, dtype: spec.dtype as WeightSpec['dtype'] }))
			}
		],
		userIds: manifestExtra.userIds,
		itemIds: manifestExtra.itemIds,
		...(saved.strings ? { strings: saved.strings } : {}),
		datasetFingerprint: manifestExtra.datasetFingerprint,
		datasetName: manifestExtra.datasetName,
		metrics: manifestExtra.metrics ?? {},
		libraryVersion: packageJson.version,
		tfjsVersion: tf.version_core,
		createdAt: new Date().toISOString()
	};
	const modelJson: Record<string, Uint8Array> = {};
	if (saved.topology !== undefined) {
		const layerSpecs = manifest.weightsManifest[0].weights.slice(0, layerWeightCount);
		modelJson[modelJsonEntry] = strToU8(JSON.stringify(buildModelJson(saved.topology, layerSpecs)));
	}
	return zipSync({
		[manifestEntry]: strToU8(JSON.stringify(manifest)),
		...modelJson,
		// Float weights barely compress, so spend little time on them.
		[weightsEntry]: [new Uint8Array(encoded.data), { level: 1 }]
	});
}

function fail(message: string): never {
	throw new Error(`invalid model file: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function checkStringList(value: unknown, field: string, expectedLength: number, lengthField: string): string[] {
	if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
		fail(`${field} must be a list of strings`);
	}
	if (value.length !== expectedLength) {
		fail(`${field} has ${value.length} entries but ${lengthField} is ${expectedLength}; the file is inconsistent, so export it again`);
	}
	return value;
}

function checkWeightSpecs(value: unknown): WeightSpec[] {
	if (!Array.isArray(value) || value.length !== 1 || !isRecord(value[0])) {
		fail('weightsManifest must hold exactly one group');
	}
	const group = value[0];
	if (!Array.isArray(group.paths) || group.paths.length !== 1 || group.paths[0] !== weightsEntry) {
		fail(`weightsManifest paths ${JSON.stringify(group.paths)} must be ["${weightsEntry}"]`);
	}
	if (!Array.isArray(group.weights)) fail('weightsManifest weights must be a list');
	const names = new Set<string>();
	return group.weights.map((spec: unknown, index: number) => {
		if (!isRecord(spec) || typeof spec.name !== 'string') fail(`weight ${index} has no name`);
		if (names.has(spec.name)) fail(`weight name '${spec.name}' appears twice`);
		names.add(spec.name);
		if (!Array.isArray(spec.shape) || !spec.shape.every(isCount)) {
			fail(`weight '${spec.name}' shape ${JSON.stringify(spec.shape)} must be a list of non-negative integers`);
		}
		if (spec.dtype !== 'float32' && spec.dtype !== 'int32') {
			fail(`weight '${spec.name}' dtype '${String(spec.dtype)}' is not supported; expected float32 or int32`);
		}
		if ('quantization' in spec) fail(`weight '${spec.name}' is quantized, which this app does not read`);
		return { name: spec.name, shape: spec.shape as number[], dtype: spec.dtype };
	});
}

/** Checks the parsed manifest field by field and returns it typed. */
export function validateManifest(value: unknown): ModelManifest {
	if (!isRecord(value)) fail(`${manifestEntry} must contain a JSON object`);
	if (value.format !== modelFormatName) {
		fail(`format '${String(value.format)}' is not '${modelFormatName}'; this is not a Recommender Lab model file`);
	}
	if (value.formatVersion !== modelFormatVersion) {
		const newer = typeof value.formatVersion === 'number' && value.formatVersion > modelFormatVersion;
		fail(
			`formatVersion ${String(value.formatVersion)} is not supported (this app reads version ${modelFormatVersion})` +
				(newer ? '; update the app to open it' : '')
		);
	}
	if (typeof value.modelType !== 'string' || value.modelType === '') fail('modelType must be a non-empty string');
	if (!isRecord(value.config) || !Object.values(value.config).every((entry) => typeof entry === 'number' || typeof entry === 'string')) {
		fail('config must be an object of numbers and strings');
	}
	if (!isCount(value.numUsers)) fail(`numUsers ${String(value.numUsers)} must be a non-negative integer`);
	if (!isCount(value.numItems)) fail(`numItems ${String(value.numItems)} must be a non-negative integer`);
	const weights = checkWeightSpecs(value.weightsManifest);
	const userIds = checkStringList(value.userIds, 'userIds', value.numUsers, 'numUsers');
	const itemIds = checkStringList(value.itemIds, 'itemIds', value.numItems, 'numItems');
	for (const field of ['datasetFingerprint', 'datasetName', 'libraryVersion', 'tfjsVersion', 'createdAt'] as const) {
		if (typeof value[field] !== 'string') fail(`${field} must be a string`);
	}
	if (value.strings !== undefined) {
		if (!isRecord(value.strings)) fail('strings must be an object of string lists');
		for (const [name, list] of Object.entries(value.strings)) {
			if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string')) fail(`strings.${name} must be a list of strings`);
		}
	}
	const metrics = value.metrics ?? {};
	if (!isRecord(metrics) || !Object.values(metrics).every((entry) => typeof entry === 'number' && Number.isFinite(entry))) {
		fail('metrics must be an object of finite numbers');
	}
	return { ...(value as unknown as ModelManifest), weightsManifest: [{ paths: [weightsEntry], weights }], userIds, itemIds, metrics: metrics as Record<string, number> };
}

/** Splits weights.bin by the specs, checking sizes and that every float is finite. */
function decodeWeights(specs: WeightSpec[], bytes: Uint8Array): NamedArray[] {
	const expectedBytes = specs.reduce((total, spec) => total + 4 * spec.shape.reduce((product, length) => product * length, 1), 0);
	if (expectedBytes !== bytes.byteLength) {
		fail(`${weightsEntry} has ${bytes.byteLength} bytes but the weight specs need ${expectedBytes}; the file is truncated or mismatched`);
	}
	let offset = 0;
	return specs.map((spec) => {
		const size = spec.shape.reduce((product, length) => product * length, 1);
		// slice() copies to a fresh, aligned buffer for the typed-array view.
		const chunk = bytes.slice(offset, offset + 4 * size).buffer;
		offset += 4 * size;
		const data = spec.dtype === 'float32' ? new Float32Array(chunk) : new Int32Array(chunk);
		if (spec.dtype === 'float32') {
			const bad = data.findIndex((entry) => !Number.isFinite(entry));
			if (bad >= 0) fail(`weight '${spec.name}' has the non-finite value ${data[bad]} at index ${bad}; retrain the model`);
		}
		return { name: spec.name, shape: spec.shape, dtype: spec.dtype, data };
	});
}

/** Reads and validates a model file; every rejection names the field, the value and what to do. */
export async function decodeModelFile(
	bytes: Uint8Array,
	limits: { maxBytes: number } = { maxBytes: maxModelFileBytes }
): Promise<{ manifest: ModelManifest; saved: SavedModel }> {
	const maxBytes = limits.maxBytes;
	if (bytes.byteLength > maxBytes) {
		fail(`the file has ${bytes.byteLength} bytes, over the limit of ${maxBytes}`);
	}
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(bytes, {
			filter: (file) => {
				if (isUnsafeEntryName(file.name)) {
					fail(`entry name '${file.name}' points outside the archive; this is not a file the app exported`);
				}
				if (file.originalSize > maxBytes) {
					fail(`entry '${file.name}' unzips to ${file.originalSize} bytes, over the limit of ${maxBytes}`);
				}
				if (file.originalSize > 1024 * 1024 && file.originalSize > maxCompressionRatio * Math.max(1, file.size)) {
					fail(
						`entry '${file.name}' would grow from ${file.size} to ${file.originalSize} bytes when unzipped, a sign of a zip bomb; this is not a file the app exported`
					);
				}
				return file.name === manifestEntry || file.name === weightsEntry || file.name === modelJsonEntry;
			}
		});
	} catch (error) {
		if (error instanceof Error && error.message.startsWith('invalid model file')) throw error;
		fail(`it is not a readable zip archive (${error instanceof Error ? error.message : String(error)}); choose the .zip the app exported`);
	}
	for (const name of [manifestEntry, weightsEntry]) {
		if (!entries[name]) fail(`the zip has no '${name}' entry; choose the .zip the app exported`);
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(strFromU8(entries[manifestEntry]));
	} catch (error) {
		fail(`${manifestEntry} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
	}
	const manifest = validateManifest(parsed);
	const arrays = decodeWeights(manifest.weightsManifest[0].weights, entries[weightsEntry]);
	const topology = entries[modelJsonEntry] ? readModelJson(entries[modelJsonEntry], manifest.weightsManifest[0].weights) : undefined;
	return {
		manifest,
		saved: {
			modelType: manifest.modelType,
			config: manifest.config,
			numUsers: manifest.numUsers,
			numItems: manifest.numItems,
			arrays,
			...(manifest.strings ? { strings: manifest.strings } : {}),
			...(topology !== undefined ? { topology } : {})
		}
	};
}

/** Names of the layers in a model.json `modelTopology` (the JSON of a Layers model's toJSON). */
function topologyLayerNames(topology: unknown): string[] | null {
	if (!isRecord(topology) || !isRecord(topology.config) || !Array.isArray(topology.config.layers)) return null;
	const names = topology.config.layers.map((layer: unknown) => (isRecord(layer) && typeof layer.name === 'string' ? layer.name : null));
	return names.every((name): name is string => name !== null) ? names : null;
}

/** Checks whether a saved array is a weight of one of the topology's layers, named `layer/weight` as tfjs names them. */
function isLayerWeight(layerNames: string[], name: string): boolean {
	return layerNames.some((layer) => name.startsWith(`${layer}/`));
}

function checkedLayerNames(topology: unknown): string[] {
	const names = topologyLayerNames(topology);
	if (!names) throw new Error('the model topology has no config.layers list of named layers: save it with model.toJSON(null, false)');
	return names;
}

function countLayerWeights(topology: unknown, arrays: NamedArray[]): number {
	const names = checkedLayerNames(topology);
	return arrays.filter((array) => isLayerWeight(names, array.name)).length;
}

/**
 * Puts the layers' weights before the model's other arrays (such as AutoRec's
 * training ratings), keeping each group's order. model.json then lists only
 * that leading part of weights.bin, so tf.loadLayersModel finds every weight
 * at the right offset and no array it has no layer for.
 */
function layerWeightsFirst(topology: unknown, arrays: NamedArray[]): NamedArray[] {
	const names = checkedLayerNames(topology);
	return [...arrays.filter((array) => isLayerWeight(names, array.name)), ...arrays.filter((array) => !isLayerWeight(names, array.name))];
}

/** The contents of model.json in tfjs' layers-model format. */
function buildModelJson(topology: unknown, layerSpecs: WeightSpec[]) {
	return {
		modelTopology: topology,
		weightsManifest: [{ paths: [weightsEntry], weights: layerSpecs }],
		format: 'layers-model',
		generatedBy: `Recommender Lab ${packageJson.version} (TensorFlow.js ${tf.version_core})`,
		convertedBy: null
	};
}

/**
 * Parses and checks model.json: a layers-model with a topology whose weights
 * are the leading entries of the manifest's weights, with the same names,
 * shapes and dtypes. Returns the topology.
 */
function readModelJson(bytes: Uint8Array, manifestWeights: WeightSpec[]): unknown {
	let parsed: unknown;
	try {
		parsed = JSON.parse(strFromU8(bytes));
	} catch (error) {
		fail(`${modelJsonEntry} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
	}
	if (!isRecord(parsed)) fail(`${modelJsonEntry} must contain a JSON object`);
	if (parsed.format !== 'layers-model') fail(`${modelJsonEntry} format '${String(parsed.format)}' is not 'layers-model'`);
	const layerNames = topologyLayerNames(parsed.modelTopology);
	if (!layerNames) fail(`${modelJsonEntry} has no modelTopology with a config.layers list of named layers`);
	const specs = checkWeightSpecs(parsed.weightsManifest);
	specs.forEach((spec, index) => {
		const expected = manifestWeights[index];
		const same = expected && expected.name === spec.name && expected.dtype === spec.dtype && expected.shape.join(',') === spec.shape.join(',');
		if (!same) {
			fail(`${modelJsonEntry} weight ${index} '${spec.name}' [${spec.shape}] does not match ${manifestEntry} weight ${index}${expected ? ` '${expected.name}' [${expected.shape}]` : ' (none)'}; export the model again`);
		}
		if (!isLayerWeight(layerNames, spec.name)) fail(`${modelJsonEntry} weight '${spec.name}' belongs to no layer of the topology`);
	});
	const missing = manifestWeights.slice(specs.length).find((spec) => isLayerWeight(layerNames, spec.name));
	if (missing) fail(`${modelJsonEntry} does not list the layer weight '${missing.name}'; export the model again`);
	return parsed.modelTopology;
}
