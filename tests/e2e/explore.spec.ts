import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { dataDir, loadSample, sharedFile } from './helpers';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Opens Explore from the dataset's row on the Data page and waits for the statistics. */
async function openExplore(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByTestId('dataset-row').first().getByRole('link', { name: 'Explore' }).click();
	await page.waitForURL(/\/explore\?dataset=/);
	await expect(page.getByTestId('stat-grid')).toBeVisible({ timeout: 60_000 });
}

/** Asserts that each chart is a named image with marks and axis ticks. */
async function expectChartsDrawn(page: Page, chartIds: string[]): Promise<void> {
	for (const chartId of chartIds) {
		const svg = page.getByTestId(chartId).locator('svg');
		await expect(svg, `${chartId} is an image with a name`).toHaveAttribute('role', 'img');
		await expect(svg).toHaveAttribute('aria-label', /\S/);
		const marks = await svg.locator('rect.bar, path.line').count();
		expect(marks, `${chartId} has bars or a line`).toBeGreaterThan(0);
		// Both axes drew tick labels.
		expect(await svg.locator('g.tick text').count(), `${chartId} has axis ticks`).toBeGreaterThan(2);
	}
}

async function expectBarHover(page: Page, chartId: string): Promise<void> {
	const card = page.getByTestId(chartId);
	await card.locator('rect.hit').first().hover();
	const tooltip = card.locator('g.chart-tooltip');
	await expect(tooltip).toBeVisible();
	await expect(tooltip).toContainText(/: [\d,]+/);
}

async function expectLineHover(page: Page, chartId: string, pattern: RegExp): Promise<void> {
	const card = page.getByTestId(chartId);
	const overlay = card.locator('rect.hover-overlay');
	const box = await overlay.boundingBox();
	expect(box, `${chartId} has a hover area`).not.toBeNull();
	// hover() scrolls the chart into view first, which page.mouse.move() would not.
	await overlay.hover({ position: { x: box!.width * 0.3, y: box!.height / 2 } });
	const tooltip = card.locator('g.chart-tooltip');
	await expect(tooltip).toBeVisible();
	await expect(tooltip).toContainText(pattern);
}

async function expectDownloads(page: Page, testInfo: TestInfo, chartId: string, baseName: string): Promise<void> {
	const card = page.getByTestId(chartId);

	const svgDownload = page.waitForEvent('download');
	await card.getByTestId('download-svg').click();
	const svgFile = await svgDownload;
	expect(svgFile.suggestedFilename()).toBe(`${baseName}.svg`);
	const svgPath = testInfo.outputPath(`${baseName}.svg`);
	await svgFile.saveAs(svgPath);
	const svgText = await readFile(svgPath, 'utf8');
	expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
	expect(svgText).toMatch(/<rect[^>]*class="bar"|<path[^>]*class="line"/);

	const pngDownload = page.waitForEvent('download');
	await card.getByTestId('download-png').click();
	const pngFile = await pngDownload;
	expect(pngFile.suggestedFilename()).toBe(`${baseName}.png`);
	const pngPath = testInfo.outputPath(`${baseName}.png`);
	await pngFile.saveAs(pngPath);
	const pngBytes = await readFile(pngPath);
	expect([...pngBytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
	// A blank canvas encodes to a few hundred bytes; a drawn chart is far larger.
	expect(pngBytes.length).toBeGreaterThan(5_000);
}

async function expectTableToggle(page: Page, chartId: string): Promise<void> {
	const card = page.getByTestId(chartId);
	const table = card.locator('table');
	await expect(table).toBeHidden();
	await card.getByTestId('toggle-table').click();
	await expect(table).toBeVisible();
	expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
	await card.getByTestId('toggle-table').click();
	await expect(table).toBeHidden();
}

test('explore: empty state without datasets', async ({ page }) => {
	await page.goto('/explore');
	await expect(page.getByTestId('explore-empty')).toContainText('No datasets yet');
});

test('explore: sample charts, hover, downloads, table', async ({ page }, testInfo) => {
	await loadSample(page);
	await openExplore(page);

	const grid = page.getByTestId('stat-grid');
	await expect(grid).toContainText('Users');
	await expect(grid).toContainText('600');
	await expect(page.getByTestId('cold-table')).toBeVisible();

	const charts = ['chart-values', 'chart-user-activity', 'chart-long-tail', 'chart-timeline', 'chart-genres', 'chart-tags', 'chart-mean-users', 'chart-mean-items'];
	await expectChartsDrawn(page, charts);

	for (const chartId of ['chart-values', 'chart-user-activity', 'chart-genres', 'chart-mean-items']) await expectBarHover(page, chartId);
	await expectLineHover(page, 'chart-long-tail', /rank [\d,]+: [\d,]+ interactions/);
	await expectLineHover(page, 'chart-timeline', /: [\d,]+ interactions/);
	await page.mouse.move(0, 0);

	// The rank axis switches to linear, and the chart redraws with the same marks.
	await page.getByTestId('log-rank').uncheck();
	await expect(page.getByTestId('chart-long-tail').locator('text')).toContainText(['item rank by popularity']);

	await expectDownloads(page, testInfo, 'chart-values', 'rating-distribution');
	await expectDownloads(page, testInfo, 'chart-long-tail', 'item-popularity-long-tail');
	await expectTableToggle(page, 'chart-genres');

	await page.screenshot({ path: testInfo.outputPath('explore.png'), fullPage: true });
});

test('explore: MovieLens 100K', async ({ page }, testInfo) => {
	const ratings = sharedFile('ml-100k/u.data');
	const items = sharedFile('ml-100k/u.item');
	test.skip(!ratings || !items, `MovieLens 100K not found under ${dataDir}/ml-100k; set RECLAB_DATA_DIR to run this test.`);

	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles([ratings!, items!]);
	await expect(page.getByTestId('candidate')).toHaveCount(2);
	await page.getByTestId('dataset-name').fill('MovieLens 100K');
	await page.getByTestId('import').click();
	// Import has two steps: read the files into a report, then accept it to store the dataset.
	await expect(page.getByTestId('import-report').getByTestId('report-users')).toHaveText('943', { timeout: 60_000 });
	await page.getByTestId('accept-import').click();
	await page.waitForURL(/\/train\?dataset=/, { timeout: 120_000 });
	await openExplore(page);

	const grid = page.getByTestId('stat-grid');
	await expect(grid).toContainText('943');
	await expect(grid).toContainText('1,682');
	await expect(grid).toContainText('100,000');
	// u.data has times from 1997-09 to 1998-04, which is more than 180 days, so buckets are months.
	await expect(page.getByTestId('chart-timeline').locator('table')).toContainText('1997-09', { useInnerText: false });

	await expectChartsDrawn(page, ['chart-values', 'chart-user-activity', 'chart-long-tail', 'chart-timeline', 'chart-genres', 'chart-mean-users', 'chart-mean-items']);
	await expect(page.getByTestId('chart-tags')).toHaveCount(0);
	await expectBarHover(page, 'chart-values');
	await expectLineHover(page, 'chart-timeline', /\w{3} 199\d: [\d,]+ interactions/);
	await page.mouse.move(0, 0);
	await expectDownloads(page, testInfo, 'chart-genres', 'genres');

	await page.screenshot({ path: testInfo.outputPath('explore.png'), fullPage: true });
});
