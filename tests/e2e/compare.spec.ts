import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadSample } from './helpers';

test('compare models on one split with intervals and a significance test', async ({ page }, testInfo) => {
	await loadSample(page);
	await page.goto('/compare');
	await page.getByTestId('compare-protocol').selectOption('leave-last-out');
	for (const id of ['popularity', 'bias-baseline', 'biased-mf', 'item-knn']) {
		await expect(page.getByTestId(`compare-model-${id}`)).toBeChecked();
	}
	await page.getByTestId('compare-run').click();
	await expect(page.getByTestId('comparison-row')).toHaveCount(4, { timeout: 170_000 });

	// Every table names its protocol and candidate set.
	await expect(page.getByTestId('comparison-table').locator('caption')).toContainText('leave');
	await expect(page.getByTestId('comparison-table').locator('caption')).toContainText('full ranking');
	await expect(page.getByTestId('significance-table').locator('caption')).toContainText('full ranking');
	await expect(page.getByTestId('interval-chart').locator('circle')).toHaveCount(4);
	await expect(page.getByTestId('significance-table')).toContainText('(best)');

	// Sorting by a column orders the rows by it.
	await page.getByTestId('sort-hitRate').click();
	const values = (await page.getByTestId('cell-hitRate').allTextContents()).map(Number);
	expect(values).toEqual([...values].sort((a, b) => b - a));
	await page.screenshot({ path: testInfo.outputPath('compare.png'), fullPage: true });

	const csvDownload = page.waitForEvent('download');
	await page.getByTestId('export-csv').click();
	const csvPath = testInfo.outputPath('comparison.csv');
	await (await csvDownload).saveAs(csvPath);
	const csv = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
	expect(csv).toHaveLength(5);
	expect(csv[1]).toContain('full ranking');

	// Sampled negatives are labelled as such.
	await page.getByTestId('compare-sampled').check();
	await page.getByTestId('compare-model-item-knn').uncheck();
	await page.getByTestId('compare-run').click();
	await expect(page.getByTestId('comparison-row')).toHaveCount(3, { timeout: 170_000 });
	await expect(page.getByTestId('comparison-table').locator('caption')).toContainText('sampled negatives');
});

test('compare with settings per model', async ({ page }) => {
	await loadSample(page);
	await page.goto('/compare');
	await page.getByTestId('compare-protocol').selectOption('leave-last-out');
	for (const id of ['popularity', 'bias-baseline', 'biased-mf', 'item-knn']) await page.getByTestId(`compare-model-${id}`).uncheck();
	await page.getByTestId('compare-model-ease').check();

	// A misspelt setting stops the run before any training and names itself.
	await page.getByTestId('compare-settings').fill('{"ease": {"lamda": 100}}');
	await page.getByTestId('compare-run').click();
	await expect(page.getByTestId('compare-error')).toContainText('ease has no hyperparameter "lamda"');
	await expect(page.getByTestId('comparison-row')).toHaveCount(0);

	await page.getByTestId('compare-settings').fill('{"ease": {"lambda": 100, "recencyHalfLife": 5}}');
	await page.getByTestId('compare-run').click();
	await expect(page.getByTestId('comparison-row')).toHaveCount(1, { timeout: 120_000 });
	await expect(page.getByTestId('comparison-row')).toContainText('EASE with lambda 100, recencyHalfLife 5');
});
