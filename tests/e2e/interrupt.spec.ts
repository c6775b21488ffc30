import { expect, test } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Counts records in the app's IndexedDB stores, from inside the page. */
async function countStored(page: import('@playwright/test').Page): Promise<{ datasets: number; chunks: number }> {
	return page.evaluate(
		() =>
			new Promise<{ datasets: number; chunks: number }>((resolve, reject) => {
				const open = indexedDB.open('recommender-lab');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(['datasets', 'chunks'], 'readonly');
					const datasets = tx.objectStore('datasets').count();
					const chunks = tx.objectStore('chunks').count();
					tx.oncomplete = () => {
						resolve({ datasets: datasets.result, chunks: chunks.result });
						db.close();
					};
				};
			})
	);
}

test('closing the page while a dataset is saved leaves nothing behind', async ({ context }, testInfo) => {
	// 4M rows: enough chunks (1M rows each) that the page closes mid-write.
	const lines = ['user,item,rating'];
	for (let row = 0; row < 4_000_000; row++) lines.push(`u${row % 50_000},i${Math.floor(row / 50_000)},${1 + (row % 5)}`);
	const path = testInfo.outputPath('large.csv');
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, lines.join('\n') + '\n');

	const page = await context.newPage();
	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles(path);
	await page.getByTestId('import').click();
	await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 170_000 });
	await page.getByTestId('accept-import').click();
	await expect(page.getByTestId('progress')).toContainText('saving', { timeout: 60_000 });
	const during = await countStored(page);
	await page.close();

	const reopened = await context.newPage();
	await reopened.goto('/');
	await expect(reopened.getByTestId('no-datasets')).toBeVisible();
	// The startup sweep removes the half-written dataset once no tab holds its write lock.
	await expect.poll(() => countStored(reopened), { timeout: 30_000 }).toEqual({ datasets: 0, chunks: 0 });
	console.log(`stored while writing: ${JSON.stringify(during)}`);
	rmSync(path);
});

test('cancelling training keeps the page usable and saves no model', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('try-sample').click();
	await page.waitForURL(/\/train\?dataset=/, { timeout: 120_000 });
	await page.getByTestId('model-select').selectOption('biased-mf');
	const epochs = page.getByTestId('hp-epochs');
	await epochs.fill('200');
	await epochs.dispatchEvent('change');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('progress')).toContainText('epoch 2', { timeout: 60_000 });
	await page.getByTestId('cancel').click();
	await expect(page.getByTestId('train-message')).toContainText('cancelled');
	await expect(page.getByTestId('model-row')).toHaveCount(0);

	// The page still works: a short training run succeeds after the cancelled one.
	await epochs.fill('2');
	await epochs.dispatchEvent('change');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('train-message')).toContainText('Trained', { timeout: 120_000 });
	await expect(page.getByTestId('model-row')).toHaveCount(1);
});
