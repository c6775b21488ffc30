import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { dataDir, sharedFile } from './helpers';

/**
 * The page's main thread stays responsive while a file is imported. No long task
 * starts between the click on "Read files" and the client-side navigation to the
 * Train page after "Accept and store": parsing, the import report, storing, and
 * the progress updates of all three. A long task is a PerformanceObserver
 * 'longtask' entry, which the browser reports for tasks over 50 ms. Page load and
 * file sniffing happen before that window; the Train page's own first render
 * happens after it and is reported as an annotation, not asserted.
 */
const LONG_TASK_LIMIT_MS = 50;

// The import report renders in about 25 ms on an idle 2-core machine; when other processes take the CPU the same
// render can pass 50 ms once. A retry tolerates such a one-off while a real regression fails every attempt.
test.describe.configure({ retries: 2 });
const SYNTHETIC_ROWS = 1_000_000;

/** A long task, with its start in milliseconds after the click on "Read files". */
interface LongTask {
	startTime: number;
	duration: number;
}

/** Milliseconds after the click at which the report showed and the Train page opened, to place long tasks in the flow. */
interface Milestones {
	report: number | null;
	trainPage: number | null;
}

interface Watch {
	tasks: LongTask[];
	clickedAt: number;
	milestones: Milestones;
}

/** Starts recording long tasks, the time of the click on "Read files" and the milestones after it. */
async function watchLongTasks(page: Page): Promise<void> {
	await page.evaluate(() => {
		const state: Watch = { tasks: [], clickedAt: Number.POSITIVE_INFINITY, milestones: { report: null, trainPage: null } };
		(window as unknown as { __responsiveness: Watch }).__responsiveness = state;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) state.tasks.push({ startTime: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask', buffered: true });
		new MutationObserver(() => {
			const now = performance.now() - state.clickedAt;
			if (state.milestones.report === null && document.querySelector('[data-testid="import-report"]')) state.milestones.report = now;
			if (state.milestones.trainPage === null && location.pathname === '/train') state.milestones.trainPage = now;
		}).observe(document.body, { subtree: true, childList: true });
		document.querySelector('[data-testid="import"]')?.addEventListener('click', () => (state.clickedAt = performance.now()), { capture: true });
	});
}

/** Returns the long tasks that started at or after the click on "Read files", timed from the click. */
async function longTasksSinceClick(page: Page): Promise<{ tasks: LongTask[]; milestones: Milestones }> {
	// One more frame, so a long task that ends the import is reported before it is read.
	await page.evaluate(() => new Promise((resolveFrame) => requestAnimationFrame(() => setTimeout(resolveFrame, 100))));
	return page.evaluate(() => {
		const state = (window as unknown as { __responsiveness: Watch }).__responsiveness;
		const tasks = state.tasks
			.filter((task) => task.startTime >= state.clickedAt)
			.map((task) => ({ startTime: task.startTime - state.clickedAt, duration: task.duration }));
		return { tasks, milestones: state.milestones };
	});
}

async function importWatched(page: Page, files: string[]): Promise<{ tasks: LongTask[]; milestones: Milestones }> {
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

function describeTasks({ tasks, milestones }: { tasks: LongTask[]; milestones: Milestones }): string {
	const list = tasks.map((task) => `${Math.round(task.duration)} ms at ${Math.round(task.startTime)} ms`).join(', ');
	const report = milestones.report === null ? 'never' : `${Math.round(milestones.report)} ms`;
	const trainPage = milestones.trainPage === null ? 'never' : `${Math.round(milestones.trainPage)} ms`;
	return `${list} after the click on "Read files" (report shown at ${report}, Train page at ${trainPage})`;
}

/** Splits the long tasks into those during the import and those from the Train page's navigation on. */
function splitAtNavigation(watched: { tasks: LongTask[]; milestones: Milestones }): { during: LongTask[]; after: LongTask[] } {
	const navigation = watched.milestones.trainPage ?? Number.POSITIVE_INFINITY;
	return {
		during: watched.tasks.filter((task) => task.startTime < navigation),
		after: watched.tasks.filter((task) => task.startTime >= navigation)
	};
}

function checkResponsive(watched: { tasks: LongTask[]; milestones: Milestones }, testInfo: TestInfo): void {
	const { during, after } = splitAtNavigation(watched);
	if (after.length > 0) {
		testInfo.annotations.push({ type: 'long tasks on the Train page', description: describeTasks({ ...watched, tasks: after }) });
	}
	const longest = Math.max(0, ...during.map((task) => task.duration));
	expect(longest, `long tasks during the import: ${describeTasks({ ...watched, tasks: during })}`).toBeLessThanOrEqual(LONG_TASK_LIMIT_MS);
}

test('import of MovieLens 100K leaves the page responsive', async ({ page }, testInfo) => {
	const ratings = sharedFile('ml-100k/u.data');
	const items = sharedFile('ml-100k/u.item');
	test.skip(!ratings || !items, `MovieLens 100K not found under ${dataDir}/ml-100k; set RECLAB_DATA_DIR to run this test.`);

	const watched = await importWatched(page, [ratings!, items!]);
	checkResponsive(watched, testInfo);
});

test('import of a 1M-row file leaves the page responsive', async ({ page }, testInfo) => {
	test.setTimeout(300_000);
	const file = testInfo.outputPath('ratings-1m.csv');
	execFileSync(process.execPath, [resolve(import.meta.dirname, '../../scripts/generate-large.mjs'), file, '--rows', String(SYNTHETIC_ROWS)]);

	const watched = await importWatched(page, [file]);
	await expect(page.getByText(/1,000,000 interactions/)).toBeVisible();
	checkResponsive(watched, testInfo);
});
