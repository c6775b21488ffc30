import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { autorecSpec } from '../models/autorec';
import { biasedMfSpec } from '../models/biased-mf';
import { ncfSpec } from '../models/ncf';
import { tinyTrain } from '../models/biased-mf/fixtures';
import { decodeModelFile, encodeModelFile } from './model-file';
import { useTestBackend } from './testing';

const userIds = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
const itemIds = ['007', '008', '009', '010', '011'];
const extra = { datasetFingerprint: 'sha256:abc', datasetName: 'tiny', metrics: { rmse: 0.5 }, userIds, itemIds };

async function makeFile(): Promise<Uint8Array> {
	await useTestBackend('cpu');
	const model = await biasedMfSpec.fit({ interactions: tinyTrain, kind: 'explicit' }, { factors: 2, epochs: 3, batchSize: 8 }, { seed: 1 });
	const bytes = await encodeModelFile(await model.save(), extra);
	model.dispose();
	return bytes;
}

/** Rewrites the zip: `edit` may change the parsed manifest and the weight bytes, or delete entries. */
function rewrite(bytes: Uint8Array, edit: (entries: Record<string, Uint8Array>, manifest: Record<string, unknown>) => void): Uint8Array {
	const entries = unzipSync(bytes);
	const manifest = JSON.parse(strFromU8(entries['manifest.json']));
	edit(entries, manifest);
	if (entries['manifest.json']) entries['manifest.json'] = strToU8(JSON.stringify(manifest));
	return zipSync(entries);
}

describe('model file', () => {
	it('encodes and decodes without leaking tensors', async () => {
		await useTestBackend('cpu');
		const model = await biasedMfSpec.fit({ interactions: tinyTrain, kind: 'explicit' }, { factors: 2, epochs: 3, batchSize: 8 }, { seed: 1 });
		const saved = await model.save();
		const before = tf.memory().numTensors;
		const bytes = await encodeModelFile(saved, extra);
		await decodeModelFile(bytes);
		await expect(decodeModelFile(new Uint8Array([1, 2, 3]))).rejects.toThrow();
		expect(tf.memory().numTensors).toBe(before);
		model.dispose();
	});

	it('round-trips to identical scores', async () => {
		await useTestBackend('cpu');
		const model = await biasedMfSpec.fit({ interactions: tinyTrain, kind: 'explicit' }, { factors: 2, epochs: 3, batchSize: 8 }, { seed: 1 });
		const bytes = await encodeModelFile(await model.save(), extra);
		const { manifest, saved } = await decodeModelFile(bytes);
		const restored = await biasedMfSpec.load(saved);
		for (let user = 0; user < tinyTrain.numUsers; user++) {
			expect(Array.from(await restored.score(user))).toEqual(Array.from(await model.score(user)));
		}
		expect(manifest.format).toBe('recommender-lab-model');
		expect(manifest.formatVersion).toBe(1);
		expect(manifest.itemIds).toEqual(itemIds);
		expect(manifest.metrics).toEqual({ rmse: 0.5 });
		expect(manifest.weightsManifest[0].weights.map((spec) => spec.name)).toEqual([
			'globalMean',
			'userBias',
			'itemBias',
			'userFactors',
			'itemFactors'
		]);
		model.dispose();
		restored.dispose();
	});

	it('carries string lists such as a vocabulary', async () => {
		await useTestBackend('cpu');
		const model = await biasedMfSpec.fit({ interactions: tinyTrain, kind: 'explicit' }, { factors: 2, epochs: 1, batchSize: 8 }, { seed: 1 });
		const saved = { ...(await model.save()), strings: { vocabulary: ['genre:drama', 'tag:space'] } };
		model.dispose();
		const decoded = await decodeModelFile(await encodeModelFile(saved, extra));
		expect(decoded.saved.strings).toEqual({ vocabulary: ['genre:drama', 'tag:space'] });

		const broken = rewrite(await encodeModelFile(saved, extra), (_, manifest) => {
			manifest.strings = { vocabulary: ['ok', 7] };
		});
		await expect(decodeModelFile(broken)).rejects.toThrow('strings.vocabulary must be a list of strings');
	});

	it('rejects a shape that does not match weights.bin', async () => {
		const bytes = rewrite(await makeFile(), (_, manifest) => {
			const group = (manifest.weightsManifest as { weights: { name: string; shape: number[] }[] }[])[0];
			group.weights[3].shape = [6, 3];
		});
		await expect(decodeModelFile(bytes)).rejects.toThrow(/weights.bin has \d+ bytes but the weight specs need \d+/);
	});

	it('rejects a shape the model does not expect', async () => {
		const bytes = rewrite(await makeFile(), (_, manifest) => {
			const group = (manifest.weightsManifest as { weights: { name: string; shape: number[] }[] }[])[0];
			group.weights[3].shape = [2, 6];
		});
		const { saved } = await decodeModelFile(bytes);
		await expect(biasedMfSpec.load(saved)).rejects.toThrow(/array 'userFactors' has shape \[2,6\], expected \[6,2\]/);
	});

	it('rejects a missing entry', async () => {
		const bytes = rewrite(await makeFile(), (entries) => delete entries['weights.bin']);
		await expect(decodeModelFile(bytes)).rejects.toThrow(/the zip has no 'weights.bin' entry/);
	});

	it('rejects a NaN weight', async () => {
		const bytes = rewrite(await makeFile(), (entries) => {
			const weights = entries['weights.bin'].slice();
			new DataView(weights.buffer).setFloat32(4, Number.NaN, true);
			entries['weights.bin'] = weights;
		});
		await expect(decodeModelFile(bytes)).rejects.toThrow(/weight 'userBias' has the non-finite value NaN at index 0/);
	});

	it('rejects a newer format version', async () => {
		const bytes = rewrite(await makeFile(), (_, manifest) => (manifest.formatVersion = 2));
		await expect(decodeModelFile(bytes)).rejects.toThrow(/formatVersion 2 is not supported .*update the app/);
	});

	it('rejects id maps of the wrong length', async () => {
		const bytes = rewrite(await makeFile(), (_, manifest) => (manifest.userIds = ['u1']));
		await expect(decodeModelFile(bytes)).rejects.toThrow(/userIds has 1 entries but numUsers is 6/);
	});

	it('rejects an entry name that points outside the archive', async () => {
		const entries = unzipSync(await makeFile());
		const hostile = zipSync({ ...entries, '../../evil.sh': strToU8('echo owned') });
		await expect(decodeModelFile(hostile)).rejects.toThrow("entry name '../../evil.sh' points outside the archive");
	});

	it('rejects an entry that declares a huge unzipped size', async () => {
		const bytes = await makeFile();
		// Rewrite weights.bin's declared size in the central directory (offset 24 of its record) to 3 GiB.
		const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		const name = strToU8('weights.bin');
		for (let offset = 0; offset + 46 < bytes.length; offset++) {
			if (view.getUint32(offset, true) !== 0x02014b50) continue;
			const nameLength = view.getUint16(offset + 28, true);
			if (nameLength === name.length && bytes.subarray(offset + 46, offset + 46 + nameLength).every((byte, i) => byte === name[i])) {
				view.setUint32(offset + 24, 3 * 1024 ** 3, true);
			}
		}
		await expect(decodeModelFile(bytes)).rejects.toThrow(/entry 'weights.bin' unzips to 3221225472 bytes, over the limit/);
	});

	it('rejects a zip bomb', async () => {
		const entries = unzipSync(await makeFile());
		// 8 MB of zeros deflate to a few kilobytes: a ratio no exported model has.
		const bomb = zipSync({ ...entries, 'weights.bin': new Uint8Array(8 * 1024 * 1024) });
		await expect(decodeModelFile(bomb)).rejects.toThrow(/a sign of a zip bomb/);
	});

	it('rejects a file over the size limit', async () => {
		const bytes = await makeFile();
		await expect(decodeModelFile(bytes, { maxBytes: 100 })).rejects.toThrow(`the file has ${bytes.byteLength} bytes, over the limit of 100`);
	});

	it('rejects bytes that are not a zip', async () => {
		await expect(decodeModelFile(strToU8('hello'))).rejects.toThrow(/not a readable zip archive/);
	});

	describe('with a Layers model', () => {
		const ncfData = { interactions: { ...tinyTrain, values: new Float32Array(tinyTrain.values.length).fill(1) }, kind: 'implicit' as const };
		const ncfConfig = { factors: 2, mlpLayers: '16,8', epochs: 1, batchSize: 8, validationFraction: 0 };

		/** Loads model.json and weights.bin from the zip with tf.loadLayersModel, as tfjs tools would. */
		async function loadLayersFromZip(bytes: Uint8Array): Promise<tf.LayersModel> {
			const entries = unzipSync(bytes);
			const modelJson = JSON.parse(strFromU8(entries['model.json']));
			const weightData = entries['weights.bin'].slice().buffer;
			return tf.loadLayersModel(
				tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData })
			);
		}

		it('writes a model.json that tf.loadLayersModel reads', async () => {
			await useTestBackend('cpu');
			const model = await ncfSpec.fit(ncfData, ncfConfig, { seed: 1 });
			const bytes = await encodeModelFile(await model.save(), extra);
			const loaded = await loadLayersFromZip(bytes);
			const users = tf.tensor2d([0, 0, 0, 0, 0], [5, 1], 'int32');
			const items = tf.tensor2d([0, 1, 2, 3, 4], [5, 1], 'int32');
			const output = loaded.predict([users, items]) as tf.Tensor;
			const predictions = Array.from(await output.data());
			tf.dispose([users, items, output]);
			loaded.dispose();

			const scores = Array.from(await model.score(0));
			model.dispose();
			expect(predictions).toHaveLength(5);
			predictions.forEach((prediction, item) => expect(prediction).toBeCloseTo(scores[item], 6));
		});

		it('round-trips the topology to identical scores', async () => {
			await useTestBackend('cpu');
			const model = await ncfSpec.fit(ncfData, ncfConfig, { seed: 1 });
			const saved = await model.save();
			const { saved: decoded } = await decodeModelFile(await encodeModelFile(saved, extra));
			expect(decoded.topology).toEqual(saved.topology);
			const restored = await ncfSpec.load(decoded);
			expect(Array.from(await restored.score(2))).toEqual(Array.from(await model.score(2)));
			model.dispose();
			restored.dispose();
		});

		it('lists only layer weights when the model has other arrays', async () => {
			await useTestBackend('cpu');
			const model = await autorecSpec.fit({ interactions: tinyTrain, kind: 'explicit' }, { hiddenUnits: 3, epochs: 1 }, { seed: 1 });
			const saved = await model.save();
			const bytes = await encodeModelFile(saved, extra);
			const modelJson = JSON.parse(strFromU8(unzipSync(bytes)['model.json']));
			expect(modelJson.weightsManifest[0].weights.map((spec: { name: string }) => spec.name)).toEqual([
				'encoder/kernel',
				'encoder/bias',
				'decoder/kernel',
				'decoder/bias'
			]);
			const loaded = await loadLayersFromZip(bytes);
			const decoderKernel = saved.arrays.find((array) => array.name === 'decoder/kernel')?.data;
			expect(Array.from(await loaded.getLayer('decoder').getWeights()[0].data())).toEqual(Array.from(decoderKernel ?? []));
			loaded.dispose();
			const restored = await autorecSpec.load((await decodeModelFile(bytes)).saved);
			expect(Array.from(await restored.score(1))).toEqual(Array.from(await model.score(1)));
			model.dispose();
			restored.dispose();
		});

		it('rejects a model.json weight that does not match the manifest', async () => {
			await useTestBackend('cpu');
			const model = await ncfSpec.fit(ncfData, ncfConfig, { seed: 1 });
			const bytes = await encodeModelFile(await model.save(), extra);
			model.dispose();
			const entries = unzipSync(bytes);
			const modelJson = JSON.parse(strFromU8(entries['model.json']));
			modelJson.weightsManifest[0].weights[0].shape = [2, 6];
			entries['model.json'] = strToU8(JSON.stringify(modelJson));
			await expect(decodeModelFile(zipSync(entries))).rejects.toThrow(/model.json weight 0 '\w+\/embeddings' \[2,6\] does not match manifest.json weight 0/);

			delete modelJson.modelTopology;
			entries['model.json'] = strToU8(JSON.stringify(modelJson));
			await expect(decodeModelFile(zipSync(entries))).rejects.toThrow(/model.json has no modelTopology/);
		});
	});
});
