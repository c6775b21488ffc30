/**
 * The tfjs WASM binaries as bundled asset URLs. Vite's `?url` suffix copies each
 * file into the build and returns its URL, so the app never fetches them from a
 * CDN. This module is kept apart from backend.ts because Node cannot import `?url`.
 */
import plainWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** The file-name-keyed map that `setWasmPaths` accepts. */
export const wasmBinaryUrls = {
	'tfjs-backend-wasm.wasm': plainWasmUrl,
	'tfjs-backend-wasm-simd.wasm': simdWasmUrl,
	'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasmUrl
};
