import { expect, test } from '@playwright/test';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSample } from './helpers';

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

test('closing the page while a dataset is saved leaves nothing behind', async ({ context }) => {
	// 4M rows: enough chunks (1M rows each) that the page closes mid-write.
	const lines = ['user,item,rating'];
	for (let row = 0; row < 4_000_000; row++) lines.push(`u${row % 50_000},i${Math.floor(row / 50_000)},${1 + (row % 5)}`);
	// Outside test-results, which a concurrent Playwright run may clear while the browser still reads the file.
	const path = join(tmpdir(), `reclab-interrupt-${process.pid}.csv`);
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

test('training interrupted by closing the page can be resumed or discarded', async ({ context }) => {
	const page = await context.newPage();
	await loadSample(page);
	await page.getByTestId('model-select').selectOption('biased-mf');
	const epochs = page.getByTestId('hp-epochs');
	await epochs.fill('60');
	await epochs.dispatchEvent('change');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('progress')).toContainText('epoch 4', { timeout: 60_000 });
	await page.close();

	const reopened = await context.newPage();
	await reopened.goto('/train');
	const notice = reopened.getByTestId('partial-training');
	await expect(notice).toContainText('of 60');
	await expect(reopened.getByTestId('model-row')).toHaveCount(0);
	await reopened.getByTestId('resume-training').click();
	await expect(reopened.getByTestId('train-message')).toContainText('Trained', { timeout: 170_000 });
	await expect(reopened.getByTestId('model-row')).toHaveCount(1);
	await expect(reopened.getByTestId('partial-training')).toHaveCount(0);
});

test('an interrupted training run can be discarded', async ({ context }) => {
	const page = await context.newPage();
	await loadSample(page);
	await page.getByTestId('model-select').selectOption('biased-mf');
	await page.getByTestId('hp-epochs').fill('60');
	await page.getByTestId('hp-epochs').dispatchEvent('change');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('progress')).toContainText('epoch 4', { timeout: 60_000 });
	await page.close();

	const reopened = await context.newPage();
	await reopened.goto('/train');
	await reopened.getByTestId('discard-training').click();
	await expect(reopened.getByTestId('partial-training')).toHaveCount(0);
	await reopened.reload();
	await expect(reopened.getByTestId('partial-training')).toHaveCount(0);
});
