import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './helpers';

test('app reloads and loads the sample offline after one visit', async ({ page, context }) => {
	await page.goto('/');
	await waitForServiceWorker(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Recommender Lab', level: 1 })).toBeVisible();

	// The sample, the ingest worker and the training page all come from the precache.
	await page.getByTestId('try-sample').click();
	await page.waitForURL(/\/train\?dataset=/, { timeout: 120_000 });
	await expect(page.getByTestId('backend-info')).toContainText('In use', { timeout: 60_000 });
	await context.setOffline(false);
});
