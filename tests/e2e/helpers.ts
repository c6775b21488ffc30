import { expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the shared real datasets live; tests that need them skip when it is absent. */
export const dataDir = resolve(process.env.RECLAB_DATA_DIR ?? resolve(import.meta.dirname, '../../../shared/data'));

export function sharedFile(relative: string): string | null {
	const path = resolve(dataDir, relative);
	return existsSync(path) ? path : null;
}

/** Loads the shipped sample from the Data page and waits for the Train page. */
export async function loadSample(page: Page, options: { alreadyHome?: boolean } = {}): Promise<void> {
	// A second navigation to the page just loaded would abort its in-flight requests (such as a worker script).
	if (!options.alreadyHome) await page.goto('/');
	await page.getByTestId('try-sample').click();
	await page.waitForURL(/\/train\?dataset=/, { timeout: 120_000 });
}

/** Fills hyperparameters by key, then trains and waits for the saved model's message. */
export async function trainCurrentModel(page: Page, overrides: Record<string, string> = {}): Promise<void> {
	for (const [key, value] of Object.entries(overrides)) {
		const input = page.getByTestId(`hp-${key}`);
		await input.fill(value);
		await input.dispatchEvent('change');
	}
	await page.getByTestId('train').click();
	await expect(page.getByTestId('train-message')).toContainText('Trained', { timeout: 170_000 });
}

export interface RecommendationTable {
	titles: string[];
	scores: string[];
}

export async function readRecommendations(page: Page): Promise<RecommendationTable> {
	const rows = page.getByTestId('recommendation-row');
	await expect(rows).toHaveCount(10);
	return {
		titles: await page.getByTestId('rec-title').allTextContents(),
		scores: await page.getByTestId('rec-score').allTextContents()
	};
}

/** Waits until the service worker controls the page, so the next load can be served offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
		await page.reload();
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	}
}

/** Reads the chosen files, checks the import report appears, accepts it and waits for the Train page. */
export async function readAndAccept(page: Page, name?: string): Promise<void> {
	if (name) await page.getByTestId('dataset-name').fill(name);
	await page.getByTestId('import').click();
	await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 120_000 });
	await page.getByTestId('accept-import').click();
	await page.waitForURL(/\/train\?dataset=/, { timeout: 120_000 });
}
