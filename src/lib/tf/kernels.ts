/**
 * Kernels that tfjs 4.22 lacks or implements too slowly for embedding training.
 *
 * The gradient of `tf.gather` (an embedding lookup) is `UnsortedSegmentSum`.
 * In tfjs 4.22 the WASM backend has no such kernel, and the CPU backend builds
 * one mask per segment, costing segments × batch × dimension (over 20 s per
 * MovieLens-sized training step). The scatter-add here costs
 * segments × dimension to zero the output plus batch × dimension to add.
 *
 * `GatherV2` itself is also slow on WASM in tfjs 4.22. Two lookups of 8192 rows
 * of 32 floats took about 17 ms per training step, against about 2 ms for
 * copying whole rows (tf.profile under Node 20 on a 2-core machine). Gathers of whole
 * rows (axis 0, no batch dimensions) therefore take a row-copy path here, and
 * every other gather goes to the backend's own kernel.
 */
import * as tf from '@tensorflow/tfjs';

type BackendValues = ReturnType<tf.KernelBackend['readSync']>;
type NumericArray = Float32Array | Int32Array;

/** The part of the CPU backend (MathBackendCPU, tfjs 4.22) this kernel uses. */
interface CpuBackendLike {
	readSync(dataId: tf.DataId): BackendValues;
	makeTensorInfo(shape: number[], dtype: tf.DataType, values?: BackendValues): tf.TensorInfo;
}

/** The part of the WASM backend (BackendWasm, tfjs 4.22) this kernel uses. */
interface WasmBackendLike {
	readSync(dataId: tf.DataId): BackendValues;
	/** Allocates on the WASM heap and copies `values` there when given. */
	makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: BackendValues): tf.TensorInfo;
	typedArrayFromHeap(info: tf.TensorInfo): BackendValues;
}

const kernelName = 'UnsortedSegmentSum';
const gatherName = 'GatherV2';
const patchedBackends = ['cpu', 'wasm'] as const;
type PatchedBackend = (typeof patchedBackends)[number];

/** The kernels that were registered before ours, keyed "kernel/backend", so tests can restore them. */
const replacedKernels = new Map<string, tf.KernelConfig | undefined>();

function asNumericArray(values: BackendValues, name: string): NumericArray {
	if (values instanceof Float32Array || values instanceof Int32Array) return values;
	throw new Error(`${kernelName}: unsupported ${name} storage ${values.constructor.name}; expected Float32Array or Int32Array`);
}

/** Output shape and the sizes the scatter loop needs, checked against tfjs' rules. */
function describeScatter(x: tf.TensorInfo, segmentIds: tf.TensorInfo, numSegments: number) {
	const idsRank = segmentIds.shape.length;
	for (let axis = 0; axis < idsRank; axis++) {
		if (x.shape[axis] !== segmentIds.shape[axis]) {
			throw new Error(
				`${kernelName}: segmentIds shape [${segmentIds.shape}] must be a prefix of x shape [${x.shape}]`
			);
		}
	}
	const innerShape = x.shape.slice(idsRank);
	const innerSize = innerShape.reduce((product, size) => product * size, 1);
	const rows = segmentIds.shape.reduce((product, size) => product * size, 1);
	return { outputShape: [numSegments, ...innerShape], innerSize, rows };
}

/**
 * Adds row `r` of `source` into row `segmentIds[r]` of `target`. Ids outside
 * 0..numSegments-1 are skipped, as TensorFlow does.
 */
export function scatterAdd(
	source: NumericArray,
	segmentIds: Int32Array,
	innerSize: number,
	numSegments: number,
	target: NumericArray
): void {
	for (let row = 0; row < segmentIds.length; row++) {
		const segment = segmentIds[row];
		if (segment < 0 || segment >= numSegments) continue;
		const sourceOffset = row * innerSize;
		const targetOffset = segment * innerSize;
		for (let k = 0; k < innerSize; k++) target[targetOffset + k] += source[sourceOffset + k];
	}
}

// tfjs' KernelFunc types `backend` as `{}` and `attrs` loosely, so each kernel
// narrows them to the interfaces above.
function readInputs(params: Parameters<tf.KernelFunc>[0]) {
	const { x, segmentIds } = params.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
	const numSegments = Number((params.attrs as { numSegments: number }).numSegments);
	return { x, segmentIds, numSegments };
}

function unsortedSegmentSumCpu(params: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
	const backend = params.backend as CpuBackendLike;
	const { x, segmentIds, numSegments } = readInputs(params);
	const { outputShape, innerSize } = describeScatter(x, segmentIds, numSegments);

	const source = asNumericArray(backend.readSync(x.dataId), 'x');
	const ids = asNumericArray(backend.readSync(segmentIds.dataId), 'segmentIds');
	const target = x.dtype === 'int32' ? new Int32Array(numSegments * innerSize) : new Float32Array(numSegments * innerSize);
	scatterAdd(source, ids instanceof Int32Array ? ids : Int32Array.from(ids), innerSize, numSegments, target);
	return backend.makeTensorInfo(outputShape, x.dtype, target);
}

function unsortedSegmentSumWasm(params: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
	const backend = params.backend as WasmBackendLike;
	const { x, segmentIds, numSegments } = readInputs(params);
	const { outputShape, innerSize } = describeScatter(x, segmentIds, numSegments);

	// readSync copies out of the WASM heap, so the views stay valid if
	// makeOutput below grows (and so moves) the heap.
	const source = asNumericArray(backend.readSync(x.dataId), 'x');
	const ids = asNumericArray(backend.readSync(segmentIds.dataId), 'segmentIds');
	const output = backend.makeOutput(outputShape, x.dtype);
	const target = asNumericArray(backend.typedArrayFromHeap(output), 'output');
	target.fill(0);
	scatterAdd(source, ids instanceof Int32Array ? ids : Int32Array.from(ids), innerSize, numSegments, target);
	return output;
}

/** Copies row `indices[r]` of `source` to row `r` of `target`, checking each index. */
export function gatherRows(source: NumericArray, indices: Int32Array, rowSize: number, rowCount: number, target: NumericArray): void {
	for (let row = 0; row < indices.length; row++) {
		const index = indices[row];
		if (index < 0 || index >= rowCount) {
			throw new Error(`GatherV2: the index value ${index} is not in [0, ${rowCount - 1}]`);
		}
		target.set(source.subarray(index * rowSize, (index + 1) * rowSize), row * rowSize);
	}
}

/** Wraps the backend's own GatherV2 with a row-copy path for axis 0 and no batch dimensions. */
function createGatherKernel(original: tf.KernelConfig, backendName: PatchedBackend): tf.KernelFunc {
	return (params) => {
		const { x, indices } = params.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
		const { axis, batchDims } = params.attrs as { axis: number; batchDims: number };
		const rank = x.shape.length;
		const isRowGather = rank >= 1 && (axis === 0 || axis === -rank) && batchDims === 0;
		if (!isRowGather || (x.dtype !== 'float32' && x.dtype !== 'int32')) return original.kernelFunc(params);

		const backend = params.backend as CpuBackendLike | WasmBackendLike;
		// On WASM, read the table through a heap view because readSync would copy
		// all of it on every lookup. The view is used up before makeOutput can move the heap.
		const source = asNumericArray(
			backendName === 'wasm' ? (backend as WasmBackendLike).typedArrayFromHeap(x) : backend.readSync(x.dataId),
			'x'
		);
		const indexValues = backend.readSync(indices.dataId);
		const rowIndices = indexValues instanceof Int32Array ? indexValues : Int32Array.from(indexValues as Float32Array);
		const rowSize = x.shape.slice(1).reduce((product, size) => product * size, 1);
		const target = x.dtype === 'int32' ? new Int32Array(rowIndices.length * rowSize) : new Float32Array(rowIndices.length * rowSize);
		gatherRows(source, rowIndices, rowSize, x.shape[0], target);
		const outputShape = [...indices.shape, ...x.shape.slice(1)];
		return backendName === 'wasm'
			? (backend as WasmBackendLike).makeOutput(outputShape, x.dtype, undefined, target)
			: (backend as CpuBackendLike).makeTensorInfo(outputShape, x.dtype, target);
	};
}

const kernelFunctions: Record<PatchedBackend, tf.KernelFunc> = {
	cpu: unsortedSegmentSumCpu as tf.KernelFunc,
	wasm: unsortedSegmentSumWasm as tf.KernelFunc
};

/** Our kernel functions, so registration can tell ours from the backend's. */
const ownKernelFunctions = new Set<tf.KernelFunc>(Object.values(kernelFunctions));

function replaceKernel(name: string, backendName: PatchedBackend, create: (current: tf.KernelConfig | undefined) => tf.KernelFunc | null): void {
	const current = tf.getKernel(name, backendName);
	if (current && ownKernelFunctions.has(current.kernelFunc)) return;
	const kernelFunc = create(current);
	if (!kernelFunc) return;

	ownKernelFunctions.add(kernelFunc);
	replacedKernels.set(`${name}/${backendName}`, current);
	if (current) tf.unregisterKernel(name, backendName);
	tf.registerKernel({ ...current, kernelName: name, backendName, kernelFunc });
}

/**
 * Registers the scatter-add `UnsortedSegmentSum` and the row-copy `GatherV2`
 * for the CPU and WASM backends. Safe to call many times: a kernel that is
 * already ours is left alone, so tfjs does not warn about re-registration.
 * The GatherV2 wrapper is installed only once the backend's own kernel is
 * registered, which happens when its package is imported.
 */
export function registerEmbeddingKernels(): void {
	for (const backendName of patchedBackends) {
		replaceKernel(kernelName, backendName, () => kernelFunctions[backendName]);
		replaceKernel(gatherName, backendName, (current) => (current ? createGatherKernel(current, backendName) : null));
	}
}

/** Puts back the kernels that {@link registerEmbeddingKernels} replaced (for tests). */
export function unregisterEmbeddingKernels(): void {
	for (const backendName of patchedBackends) {
		for (const name of [kernelName, gatherName]) {
			const current = tf.getKernel(name, backendName);
			if (!current || !ownKernelFunctions.has(current.kernelFunc)) continue;

			tf.unregisterKernel(name, backendName);
			const original = replacedKernels.get(`${name}/${backendName}`);
			if (original) tf.registerKernel(original);
			replacedKernels.delete(`${name}/${backendName}`);
		}
	}
}
