import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { dataDir, sharedFile } from './helpers';

/**
 * The page's main thread stays responsive while a file is imported. No long task
 * starts between the click on "Read files" and the first render of the Train page
 * after "Accept and store". A long task is a PerformanceObserver 'longtask' entry,
 * which the browser reports for tasks over 50 ms. Page load and file sniffing
 * happen before that window and are not measured.
 */
const LONG_TASK_LIMIT_MS = 50;
const SYNTHETIC_ROWS = 1_000_000;

interface LongTask {
	startTime: number;
	duration: number;
}

/** Starts recording long tasks and the time of the click on "Read files". */
async function watchLongTasks(page: Page): Promise<void> {
	await page.evaluate(() => {
		const state = { tasks: [] as { startTime: number; duration: number }[], clickedAt: Number.POSITIVE_INFINITY };
		(window as unknown as { __responsiveness: typeof state }).__responsiveness = state;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) state.tasks.push({ startTime: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask', buffered: true });
		document.querySelector('[data-testid="import"]')?.addEventListener('click', () => (state.clickedAt = performance.now()), { capture: true });
	});
}

/** Returns the long tasks that started at or after the click on "Read files". */
async function longTasksSinceClick(page: Page): Promise<LongTask[]> {
	// One more frame, so a long task that ends the import is reported before it is read.
	await page.evaluate(() => new Promise((resolveFrame) => requestAnimationFrame(() => setTimeout(resolveFrame, 100))));
	return page.evaluate(() => {
		const state = (window as unknown as { __responsiveness: { tasks: LongTask[]; clickedAt: number } }).__responsiveness;
		return state.tasks.filter((task) => task.startTime >= state.clickedAt);
	});
}

async function importWatched(page: Page, files: string[]): Promise<LongTask[]> {
	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles(files);
	await expect(page.getByTestId('candidate')).toHaveCount(files.length);
	await expect(page.getByTestId('import')).toBeEnabled();
	await watchLongTasks(page);

	await page.getByTestId('import').click();
	await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 150_000 });
	await page.getByTestId('accept-import').click();
	await page.waitForURL(/\/train\?dataset=/, { timeout: 150_000 });
	await expect(page.getByTestId('train')).toBeVisible();
	return longTasksSinceClick(page);
}

function describeTasks(tasks: LongTask[]): string {
	return tasks.map((task) => `${Math.round(task.duration)} ms at ${Math.round(task.startTime)} ms`).join(', ');
}

test('import of MovieLens 100K leaves the page responsive', async ({ page }) => {
	const ratings = sharedFile('ml-100k/u.data');
	const items = sharedFile('ml-100k/u.item');
	test.skip(!ratings || !items, `MovieLens 100K not found under ${dataDir}/ml-100k; set RECLAB_DATA_DIR to run this test.`);

	const tasks = await importWatched(page, [ratings!, items!]);
	const longest = Math.max(0, ...tasks.map((task) => task.duration));
	expect(longest, `long tasks during the import: ${describeTasks(tasks)}`).toBeLessThanOrEqual(LONG_TASK_LIMIT_MS);
});

test('import of a 1M-row file leaves the page responsive', async ({ page }, testInfo) => {
	test.setTimeout(300_000);
	const file = testInfo.outputPath('ratings-1m.csv');
	execFileSync(process.execPath, [resolve(import.meta.dirname, '../../scripts/generate-large.mjs'), file, '--rows', String(SYNTHETIC_ROWS)]);

	const tasks = await importWatched(page, [file]);
	await expect(page.getByText(/1,000,000 interactions/)).toBeVisible();
	const longest = Math.max(0, ...tasks.map((task) => task.duration));
	expect(longest, `long tasks during the import: ${describeTasks(tasks)}`).toBeLessThanOrEqual(LONG_TASK_LIMIT_MS);
});
