/**
 * Backend setup for unit tests under Node (vitest). Imported by tests only:
 * it reads the WASM binaries straight from node_modules.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerEmbeddingKernels } from './kernels';

export type TestBackend = 'cpu' | 'wasm';

let wasmPathsSet = false;

/** Makes `name` the active backend, with the embedding kernels from kernels.ts registered. */
export async function useTestBackend(name: TestBackend): Promise<void> {
	registerEmbeddingKernels();
	if (name === 'wasm' && !wasmPathsSet) {
		// A directory prefix ending in '/' makes tfjs append each binary's file name.
		setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
		tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
		wasmPathsSet = true;
	}
	const ready = await tf.setBackend(name);
	if (!ready) throw new Error(`backend '${name}' failed to initialise in Node`);
	await tf.ready();
}

/** The backends every tensor test runs on. */
export const testBackends: TestBackend[] = ['cpu', 'wasm'];
