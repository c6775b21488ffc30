import { expect, test } from '@playwright/test';
import { loadSample, readAndAccept, trainCurrentModel } from './helpers';

test('NeuMF on the sample explains with its GMF and MLP paths', async ({ page }) => {
	await loadSample(page);
	await page.getByTestId('model-select').selectOption('ncf');
	await trainCurrentModel(page, { epochs: '2' });
	await page.getByTestId('model-row').first().getByRole('link', { name: 'Recommend' }).click();
	await page.getByTestId('user-input').fill('1');
	await page.getByTestId('recommend').click();
	const rows = page.getByTestId('recommendations').getByTestId('recommendation-row');
	await expect(rows).toHaveCount(10);
	const sentence = rows.first().getByTestId('explanation-sentence');
	await expect(sentence).toContainText(/matching path .* pattern path/);
	// The nearest items in embedding space are named by title, not by index.
	await expect(sentence).not.toContainText(/#\d/);
	await expect(rows.first().getByTestId('explanation-chart').locator('rect.bar').first()).toBeVisible();
});

/** A rank-2 matrix (48 users × 40 items, about 60% observed) from a fixed formula, the same for every backend. */
function tinyRatings(): Buffer {
	const lines = ['user,item,rating'];
	for (let user = 0; user < 48; user++) {
		for (let item = 0; item < 40; item++) {
			if ((user * 7 + item * 11) % 5 >= 3) continue;
			const taste = Math.sin(user) * Math.cos(item) + 0.5 * Math.cos(user * 0.7) * Math.sin(item * 1.3);
			lines.push(`u${user},i${item},${Math.min(5, Math.max(1, Math.round(3 + 1.6 * taste)))}`);
		}
	}
	return Buffer.from(lines.join('\n') + '\n');
}

// Small configurations, because SwiftShader's WebGL takes seconds per step.
const models: { id: string; config: Record<string, string>; metric: string; tolerance: number }[] = [
	// NeuMF ranks with sampled negatives: HR@10 over 48 users moves in steps of 1/48, so allow a few users' difference.
	{ id: 'ncf', config: { epochs: '3', batchSize: '256' }, metric: 'metric-hr', tolerance: 0.15 },
	{ id: 'autorec', config: { epochs: '10', hiddenUnits: '16', batchSize: '16' }, metric: 'metric-rmse', tolerance: 0.05 },
	{ id: 'hybrid', config: {}, metric: 'metric-rmse', tolerance: 0.05 }
];

test('neural models and the hybrid agree across WebGPU, WebGL and WASM', async ({ page }) => {
	test.setTimeout(900_000);
	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: tinyRatings() });
	await readAndAccept(page);

	for (const model of models) {
		const results: Record<string, number> = {};
		for (const backend of ['wasm', 'webgpu', 'webgl']) {
			await page.getByTestId('backend-select').selectOption(backend);
			await expect(page.getByTestId('backend-info')).toContainText(`In use: ${backend}`, { timeout: 60_000 });
			await page.getByTestId('model-select').selectOption(model.id);
			await trainCurrentModel(page, model.config);
			await expect(page.getByTestId('train-message')).toContainText(`on ${backend}`);
			await expect(page.getByTestId('model-row').first()).toContainText(backend);
			results[backend] = Number(await page.getByTestId('model-row').first().getByTestId(model.metric).textContent());
		}
		console.log(`${model.id} ${model.metric} by backend: ${JSON.stringify(results)}`);
		for (const backend of ['webgpu', 'webgl']) {
			expect(Math.abs(results[backend] - results.wasm), `${model.id} on ${backend} against wasm`).toBeLessThanOrEqual(model.tolerance);
		}
	}
});
