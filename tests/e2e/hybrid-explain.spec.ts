import { expect, test } from '@playwright/test';
import { loadSample, trainCurrentModel } from './helpers';

test('hybrid: explanation charts per row, then a new user from three picks', async ({ page }, testInfo) => {
	await loadSample(page);
	await page.getByTestId('model-select').selectOption('hybrid');
	await trainCurrentModel(page);

	const row = page.getByTestId('model-row').first();
	await row.getByRole('link', { name: 'Recommend' }).click();
	await expect(page.getByTestId('blend-weights')).toContainText('Learned blend weights: biased-mf');
	await page.getByTestId('user-input').fill('1');
	await page.getByTestId('recommend').click();

	const rows = page.getByTestId('recommendations').getByTestId('recommendation-row');
	await expect(rows).toHaveCount(10);
	for (let index = 0; index < 10; index++) {
		const current = rows.nth(index);
		await expect(current.getByTestId('explanation-chart').locator('rect.bar').first()).toBeVisible();
		await expect(current.getByTestId('explanation-sentence')).toContainText(/\w{3,}/);
	}
	await expect(rows.first().getByTestId('explanation-sentence')).toContainText(/blend of \d models|only \S+ decides/i);
	await page.screenshot({ path: testInfo.outputPath('hybrid-recommend.png'), fullPage: true });

	// A new user: three popular picks, recommendations at once.
	const candidates = page.getByTestId('new-user-candidate');
	await expect(candidates.first()).toBeVisible();
	for (let pick = 0; pick < 3; pick++) await candidates.first().click();
	await expect(page.getByTestId('new-user-pick')).toHaveCount(3);
	// The title search filters the candidates.
	await page.getByTestId('new-user-search').fill('the');
	await expect(candidates.first()).toContainText(/the/i);
	await page.getByTestId('new-user-recommend').click();

	const newRows = page.getByTestId('new-user-recommendations').getByTestId('recommendation-row');
	await expect(newRows).toHaveCount(10);
	for (let index = 0; index < 10; index++) {
		await expect(newRows.nth(index).getByTestId('explanation-sentence')).toContainText(/\w{3,}/);
		await expect(newRows.nth(index).getByTestId('explanation-chart').locator('rect.bar').first()).toBeVisible();
	}
	await expect(page.getByTestId('new-user-error')).toHaveCount(0);
	await page.getByTestId('new-user-recommendations').screenshot({ path: testInfo.outputPath('hybrid-new-user.png') });
	await page.getByTestId('recommendations').getByTestId('recommendation-row').first().screenshot({ path: testInfo.outputPath('hybrid-row.png') });
});
