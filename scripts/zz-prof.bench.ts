import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { useTestBackend } from '../src/lib/tf/testing';
it('profiles', async () => {
	await useTestBackend((process.env.B ?? 'wasm') as 'wasm');
	const d = Number(process.env.D ?? 32), n = 8192;
	const P = tf.variable(tf.randomNormal([943, d])), Q = tf.variable(tf.randomNormal([1682, d]));
	const u = tf.tensor1d(Int32Array.from({ length: n }, (_, i) => i % 943), 'int32');
	const v = tf.tensor1d(Int32Array.from({ length: n }, (_, i) => (i * 7) % 1682), 'int32');
	const y = tf.randomNormal([n]);
	const opt = tf.train.adam(0.01);
	const step = () => opt.minimize(() => tf.mean(tf.squaredDifference(tf.sum(tf.mul(tf.gather(P, u), tf.gather(Q, v)), 1), y)) as tf.Scalar, false, [P, Q]);
	for (let i = 0; i < 3; i++) step();
	const t0 = performance.now(); for (let i = 0; i < 20; i++) step(); console.log('ms/step', (performance.now() - t0) / 20);
	const profile = await tf.profile(() => { step(); });
	const agg = new Map<string, number>();
	for (const k of profile.kernels) agg.set(k.name, (agg.get(k.name) ?? 0) + (k.kernelTimeMs as number));
	console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 12));
});
