import { expect, test } from '@playwright/test';
import { loadSample, readRecommendations, trainCurrentModel } from './helpers';

test('sample: train MF, recommend, download, reload, load the zip in a fresh profile', async ({ page, browser }, testInfo) => {
	await loadSample(page);
	await expect(page.getByTestId('backend-info')).toContainText('In use');
	await page.getByTestId('model-select').selectOption('biased-mf');
	await trainCurrentModel(page);

	const row = page.getByTestId('model-row').first();
	const rmse = Number(await row.getByTestId('metric-rmse').textContent());
	const ndcg = Number(await row.getByTestId('metric-ndcg').textContent());
	expect(rmse).toBeGreaterThan(0.3);
	expect(rmse).toBeLessThan(1.2);
	expect(ndcg).toBeGreaterThan(0);
	await page.screenshot({ path: testInfo.outputPath('train.png'), fullPage: true });

	await row.getByRole('link', { name: 'Recommend' }).click();
	await page.getByTestId('user-input').fill('1');
	await page.getByTestId('recommend').click();
	const first = await readRecommendations(page);
	expect(first.titles.every((title) => title.length > 0)).toBe(true);
	await page.screenshot({ path: testInfo.outputPath('recommend.png'), fullPage: true });

	const csvDownload = page.waitForEvent('download');
	await page.getByTestId('export-recommendations-csv').click();
	expect((await csvDownload).suggestedFilename()).toBe('recommendations-1.csv');

	const downloadPromise = page.waitForEvent('download');
	await page.getByTestId('download-model').click();
	const download = await downloadPromise;
	expect(download.suggestedFilename()).toMatch(/\.zip$/);
	const zipPath = testInfo.outputPath('model.zip');
	await download.saveAs(zipPath);

	// The dataset and model survive a reload.
	await page.reload();
	await expect(page.getByTestId('recommend-model').locator('option')).toHaveCount(1);
	await page.goto('/');
	await expect(page.getByTestId('dataset-row')).toHaveCount(1);

	// A fresh profile: load the same sample, then the model file; the top 10 must match.
	const fresh = await browser.newContext();
	const freshPage = await fresh.newPage();
	await loadSample(freshPage);
	await freshPage.goto('/recommend');
	await freshPage.getByTestId('model-file-input').setInputFiles(zipPath);
	await expect(freshPage.getByTestId('model-notice')).toContainText('Attached to dataset');
	await freshPage.getByTestId('user-input').fill('1');
	await freshPage.getByTestId('recommend').click();
	const second = await readRecommendations(freshPage);
	expect(second.titles).toEqual(first.titles);
	expect(second.scores).toEqual(first.scores);
	await fresh.close();
});
