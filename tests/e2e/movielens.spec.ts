import { expect, test } from '@playwright/test';
import { dataDir, readRecommendations, sharedFile, trainCurrentModel } from './helpers';

const ratings = sharedFile('ml-100k/u.data');
const items = sharedFile('ml-100k/u.item');

test('MovieLens 100K: upload u.data and u.item, train, recommend with titles', async ({ page }, testInfo) => {
	test.skip(!ratings || !items, `MovieLens 100K not found under ${dataDir}/ml-100k; set RECLAB_DATA_DIR to run this test.`);
	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles([ratings!, items!]);
	await expect(page.getByTestId('candidate')).toHaveCount(2);

	// The sniffer must recognise u.data as ratings (tab, no header) and u.item as item metadata.
	const roles = await page.getByTestId('file-role').evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).value));
	expect(roles.sort()).toEqual(['items', 'ratings']);
	await page.screenshot({ path: testInfo.outputPath('import-preview.png'), fullPage: true });

	await page.getByTestId('dataset-name').fill('MovieLens 100K');
	await page.getByTestId('import').click();
	const report = page.getByTestId('import-report');
	await expect(report.getByTestId('report-users')).toHaveText('943', { timeout: 60_000 });
	await expect(report.getByTestId('report-items')).toHaveText('1,682');
	await expect(report.getByTestId('report-interactions')).toHaveText('100,000');
	await page.screenshot({ path: testInfo.outputPath('import-report.png'), fullPage: true });
	await page.getByTestId('accept-import').click();
	await page.waitForURL(/\/train\?dataset=/, { timeout: 120_000 });
	await page.goto('/');
	const row = page.getByTestId('dataset-row').first();
	await expect(row).toContainText('943');
	await expect(row).toContainText('1,682');
	await expect(row).toContainText('100,000');

	await row.getByRole('link', { name: 'Train' }).click();
	await page.getByTestId('model-select').selectOption('biased-mf');
	await trainCurrentModel(page);
	const rmse = Number(await page.getByTestId('model-row').first().getByTestId('metric-rmse').textContent());
	expect(rmse).toBeLessThan(1.0);

	await page.getByTestId('model-row').first().getByRole('link', { name: 'Recommend' }).click();
	await page.getByTestId('user-input').fill('1');
	await page.getByTestId('recommend').click();
	const top = await readRecommendations(page);
	// u.item gives every movie a title with its year, e.g. "Star Wars (1977)".
	for (const title of top.titles) expect(title).toMatch(/\(\d{4}\)$|^unknown$/);
	await page.screenshot({ path: testInfo.outputPath('recommend.png'), fullPage: true });
});
