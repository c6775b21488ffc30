import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadSample, waitForServiceWorker } from './helpers';

// The test server serves build/ as it is on disk, so changing the service worker's bytes publishes a "new version".
const workerPath = resolve(import.meta.dirname, '../../build/service-worker.js');

async function publishNewVersion(page: import('@playwright/test').Page): Promise<void> {
	writeFileSync(workerPath, `${readFileSync(workerPath, 'utf8')}\n// new version ${Date.now()}\n`);
	await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
}

test('new version waits for consent and not during training', async ({ page }) => {
	const original = readFileSync(workerPath, 'utf8');
	try {
		await loadSample(page);
		await waitForServiceWorker(page);

		// While training runs the update is announced but cannot be applied.
		await page.getByTestId('model-select').selectOption('biased-mf');
		// Long enough that the new worker installs while training still runs.
		for (const [key, value] of Object.entries({ epochs: '500', factors: '128' })) {
			await page.getByTestId(`hp-${key}`).fill(value);
			await page.getByTestId(`hp-${key}`).dispatchEvent('change');
		}
		await page.getByTestId('train').click();
		await expect(page.getByTestId('progress')).toContainText('epoch 1', { timeout: 60_000 });
		await publishNewVersion(page);
		const banner = page.getByTestId('update-banner');
		await expect(banner).toContainText('offered again when the running task ends', { timeout: 60_000 });
		await expect(banner.getByRole('button')).toHaveCount(0);
		await expect(page.getByTestId('progress')).toBeVisible();

		// Once the task ends, the user can apply it; the page reloads under the new worker.
		await page.getByTestId('cancel').click();
		await expect(page.getByTestId('train-message')).toContainText('cancelled');
		const reload = page.waitForEvent('load');
		await banner.getByRole('button', { name: 'Reload to update' }).click();
		await reload;
		await expect(page.getByTestId('update-banner')).toHaveCount(0);
		expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	} finally {
		writeFileSync(workerPath, original);
	}
});
