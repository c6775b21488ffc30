import { expect, test } from '@playwright/test';
import { readAndAccept, trainCurrentModel } from './helpers';

/**
 * A small rank-2 ratings matrix (48 users × 40 items, about 60% observed),
 * built from a fixed formula so every backend sees identical data.
 */
function tinyRatings(): Buffer {
	const lines = ['user,item,rating'];
	for (let user = 0; user < 48; user++) {
		for (let item = 0; item < 40; item++) {
			if ((user * 7 + item * 11) % 5 >= 3) continue;
			const taste = Math.sin(user) * Math.cos(item) + 0.5 * Math.cos(user * 0.7) * Math.sin(item * 1.3);
			const rating = Math.min(5, Math.max(1, Math.round(3 + 1.6 * taste)));
			lines.push(`u${user},i${item},${rating}`);
		}
	}
	return Buffer.from(lines.join('\n') + '\n');
}

// Training on SwiftShader's WebGL takes seconds per step, so the model is kept small.
const smallModel = { factors: '4', epochs: '8', batchSize: '256' };

// Float32 on different kernels (WebGL's packed textures, WebGPU's shaders, WASM SIMD) rounds differently,
// and the differences compound over Adam steps; 0.05 RMSE is far below the gap between a trained and an
// untrained model on this data (about 0.5).
const RMSE_TOLERANCE = 0.05;

test('biased MF trains on WebGPU, WebGL and WASM with results that agree', async ({ page }) => {
	test.setTimeout(600_000);
	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: tinyRatings() });
	await readAndAccept(page);
	await page.getByTestId('model-select').selectOption('biased-mf');

	const results: Record<string, number> = {};
	for (const backend of ['wasm', 'webgpu', 'webgl']) {
		await page.getByTestId('backend-select').selectOption(backend);
		await expect(page.getByTestId('backend-info')).toContainText(`In use: ${backend}`, { timeout: 60_000 });
		await trainCurrentModel(page, smallModel);
		await expect(page.getByTestId('train-message')).toContainText(`on ${backend}`);
		await expect(page.getByTestId('model-row').first()).toContainText(backend);
		results[backend] = Number(await page.getByTestId('model-row').first().getByTestId('metric-rmse').textContent());
	}
	console.log(`RMSE by backend: ${JSON.stringify(results)}`);
	for (const backend of ['webgpu', 'webgl']) {
		expect(Math.abs(results[backend] - results.wasm), `${backend} against wasm`).toBeLessThanOrEqual(RMSE_TOLERANCE);
	}
});
