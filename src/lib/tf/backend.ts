/**
 * Backend selection for pages and workers. No `document` or `window` here:
 * WebGPU is probed through `navigator.gpu` and WebGL through `OffscreenCanvas`,
 * both behind feature checks, so this module imports fine in a Web Worker and
 * in Node.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerEmbeddingKernels } from './kernels';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

/** The active backend and why it was chosen, for the UI to show. */
export interface BackendSelection {
	backend: BackendName;
	/** GPU adapter or renderer name, or a short description of the CPU path. */
	adapterDescription: string;
	reason: string;
}

export interface SelectBackendOptions {
	/**
	 * Location of the WASM binaries: a directory prefix ending in '/', or a map
	 * from binary file name to URL. Defaults to the bundled URLs of wasm-paths.ts.
	 */
	wasmPaths?: string | Record<string, string>;
}

/** The fields of a WebGPU adapter this module reads; older browsers put the flag on the adapter. */
interface GpuAdapterLike {
	isFallbackAdapter?: boolean;
	info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}
interface GpuLike {
	requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

interface GpuProbe {
	available: boolean;
	/** True for software adapters such as SwiftShader, which run far slower than WASM. */
	software: boolean;
	description: string;
}

const softwareRendererPattern = /swiftshader|llvmpipe|softpipe|software|basic render/i;
const backendOrder: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

let wasmConfigured = false;

async function configureWasm(options: SelectBackendOptions): Promise<void> {
	if (wasmConfigured) return;
	// Threaded WASM's helper workers crash when the binaries are bundled
	// (tfjs-backend-wasm 4.22), so stay single-threaded even when cross-origin isolated.
	tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
	const paths = options.wasmPaths ?? (await import('./wasm-paths')).wasmBinaryUrls;
	setWasmPaths(paths);
	wasmConfigured = true;
}

async function probeWebGpu(): Promise<GpuProbe> {
	const gpu = typeof navigator === 'undefined' ? undefined : (Reflect.get(navigator, 'gpu') as GpuLike | undefined);
	if (!gpu) return { available: false, software: false, description: 'no navigator.gpu' };
	let adapter: GpuAdapterLike | null = null;
	try {
		adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
	} catch (error) {
		return { available: false, software: false, description: `requestAdapter failed: ${String(error)}` };
	}
	if (!adapter) return { available: false, software: false, description: 'no WebGPU adapter' };

	const info = adapter.info ?? {};
	const parts = [info.vendor, info.architecture, info.device, info.description].filter((part) => part);
	const description = parts.length > 0 ? parts.join(' ') : 'unnamed WebGPU adapter';
	const fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true;
	return { available: true, software: fallback || softwareRendererPattern.test(description), description };
}

function probeWebGl(): GpuProbe {
	if (typeof OffscreenCanvas === 'undefined') {
		return { available: false, software: false, description: 'no OffscreenCanvas' };
	}
	const context = new OffscreenCanvas(1, 1).getContext('webgl2');
	if (!context) return { available: false, software: false, description: 'no WebGL2 context' };

	const debugInfo = context.getExtension('WEBGL_debug_renderer_info');
	const renderer = String(
		debugInfo ? context.getParameter(debugInfo.UNMASKED_RENDERER_WEBGL) : context.getParameter(context.RENDERER)
	);
	context.getExtension('WEBGL_lose_context')?.loseContext();
	return { available: true, software: softwareRendererPattern.test(renderer), description: renderer };
}

async function trySetBackend(name: BackendName): Promise<string | null> {
	try {
		if (!(await tf.setBackend(name))) return `tfjs could not initialise '${name}'`;
		await tf.ready();
		return null;
	} catch (error) {
		return `'${name}' failed: ${error instanceof Error ? error.message : String(error)}`;
	}
}

function describeCpuPath(name: BackendName): string {
	if (name === 'wasm') {
		const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
		return simd ? 'WebAssembly with SIMD, single thread' : 'WebAssembly without SIMD, single thread';
	}
	return 'plain JavaScript';
}

/**
 * Chooses and activates a tfjs backend. With 'auto' the order is WebGPU,
 * WebGL, WASM, CPU, but a software GPU (a fallback WebGPU adapter or a
 * SwiftShader/llvmpipe WebGL renderer) is skipped, because WASM trains
 * many times faster than an emulated GPU. A forced backend that fails
 * to start falls back to the automatic order, and `reason` explains why.
 */
export async function selectBackend(
	preference: BackendPreference = 'auto',
	options: SelectBackendOptions = {}
): Promise<BackendSelection> {
	registerEmbeddingKernels();
	await configureWasm(options);

	const notes: string[] = [];
	if (preference !== 'auto') {
		const failure = await trySetBackend(preference);
		let description = describeCpuPath(preference);
		if (preference === 'webgpu') description = (await probeWebGpu()).description;
		if (preference === 'webgl') description = probeWebGl().description;
		if (failure === null) return { backend: preference, adapterDescription: description, reason: `forced by the user` };
		notes.push(`forced backend unavailable (${failure})`);
	}

	// NOTE: software GPUs are recognised by the fallback flag and renderer names,
	// not by timing a step, so an unlisted software renderer would still win over WASM.
	const probes: Partial<Record<BackendName, GpuProbe>> = { webgpu: await probeWebGpu(), webgl: probeWebGl() };
	for (const name of backendOrder) {
		const probe = probes[name];
		if (probe && !probe.available) {
			notes.push(`${name}: ${probe.description}`);
			continue;
		}
		if (probe?.software) {
			notes.push(`${name}: skipped software adapter ${probe.description}`);
			continue;
		}
		const failure = await trySetBackend(name);
		if (failure !== null) {
			notes.push(failure);
			continue;
		}
		const description = probe ? probe.description : describeCpuPath(name);
		const reason = notes.length > 0 ? `first usable in order; ${notes.join('; ')}` : 'first usable in order';
		return { backend: name, adapterDescription: description, reason };
	}
	throw new Error(`no tfjs backend could start (${notes.join('; ')}): reload the page or try another browser`);
}
