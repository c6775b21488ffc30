import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from './backend';

const wasmPaths = `${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`;

describe('selectBackend', () => {
	it('chooses WASM in Node, where no GPU is exposed', async () => {
		const selection = await selectBackend('auto', { wasmPaths });
		expect(selection.backend).toBe('wasm');
		expect(tf.getBackend()).toBe('wasm');
		expect(selection.reason).toContain('webgpu: no navigator.gpu');
		expect(selection.adapterDescription).toMatch(/WebAssembly/);
	});

	it('honours a forced CPU backend', async () => {
		const selection = await selectBackend('cpu', { wasmPaths });
		expect(selection).toEqual({ backend: 'cpu', adapterDescription: 'plain JavaScript', reason: 'forced by the user' });
		expect(tf.getBackend()).toBe('cpu');
	});

	it('falls back when a forced WebGPU is missing', async () => {
		const selection = await selectBackend('webgpu', { wasmPaths });
		expect(selection.backend).toBe('wasm');
		expect(selection.reason).toMatch(/forced backend unavailable/);
	});
});
