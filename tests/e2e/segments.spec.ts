import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { dataDir, loadSample, sharedFile, trainCurrentModel } from './helpers';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Builds a map of users or items on the Segments page, on the trained model's factors, and waits for it. */
async function buildMap(page: Page, entity: 'users' | 'items'): Promise<Locator> {
	await page.getByTestId(`entity-${entity}`).check();
	await page.getByTestId('k-high').fill('8');
	await page.getByTestId('run-segmentation').click();
	const map = page.getByTestId(entity === 'users' ? 'user-map' : 'item-map');
	await expect(map.locator('svg.map-overlay')).toBeVisible({ timeout: 170_000 });
	await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 60_000 });
	return map;
}

/** Moves the mouse over the map's points until the tooltip shows, and returns its text. */
async function hoverPoint(page: Page, map: Locator): Promise<string> {
	const circle = map.locator('svg.map-overlay circle.point').nth(3);
	if ((await circle.count()) > 0) {
		await circle.hover({ force: true });
	} else {
		// Canvas maps have no elements per point: sweep a grid until a point is under the mouse.
		const box = (await map.locator('svg.map-overlay').boundingBox())!;
		const tooltip = map.getByTestId('map-tooltip');
		search: for (let row = 1; row < 12; row++) {
			for (let column = 1; column < 12; column++) {
				await page.mouse.move(box.x + (box.width * column) / 12, box.y + (box.height * row) / 12);
				if (await tooltip.isVisible()) break search;
			}
		}
	}
	const tooltip = map.getByTestId('map-tooltip');
	await expect(tooltip).toBeVisible();
	return (await tooltip.textContent()) ?? '';
}

async function brushMiddle(page: Page, map: Locator): Promise<number> {
	await map.getByTestId('mode-select').click();
	const box = (await map.locator('svg.map-overlay').boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.15);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
	await page.mouse.move(box.x + box.width * 0.85, box.y + box.height * 0.85, { steps: 5 });
	await page.mouse.up();
	await expect(map.getByTestId('selection-summary')).toBeVisible();
	const count = Number((await map.getByTestId('selection-count').textContent())?.replaceAll(',', ''));
	await map.getByTestId('mode-pan').click();
	return count;
}

async function expectMapDownloads(page: Page, testInfo: TestInfo, map: Locator, prefix: 'user' | 'item'): Promise<void> {
	const csvDownload = page.waitForEvent('download');
	await map.getByTestId('download-csv').click();
	const csvFile = await csvDownload;
	expect(csvFile.suggestedFilename()).toBe(`${prefix}-clusters.csv`);
	const csvPath = testInfo.outputPath(`${prefix}-clusters.csv`);
	await csvFile.saveAs(csvPath);
	const lines = (await readFile(csvPath, 'utf8')).trim().split('\r\n');
	expect(lines[0]).toBe('id,cluster');
	expect(lines[1]).toMatch(/^[^,]+,\d+$/);

	const jsonDownload = page.waitForEvent('download');
	await map.getByTestId('download-json').click();
	const jsonFile = await jsonDownload;
	expect(jsonFile.suggestedFilename()).toBe(`${prefix}-clusters.json`);
	const jsonPath = testInfo.outputPath(`${prefix}-clusters.json`);
	await jsonFile.saveAs(jsonPath);
	const parsed = JSON.parse(await readFile(jsonPath, 'utf8'));
	expect(parsed.assignments.length).toBe(lines.length - 1);
	expect(parsed.assignments[0]).toEqual({ id: lines[1].split(',')[0], cluster: Number(lines[1].split(',')[1]) });

	const svgDownload = page.waitForEvent('download');
	await map.getByTestId('download-svg').click();
	const svgFile = await svgDownload;
	expect(svgFile.suggestedFilename()).toBe(`${prefix}-map.svg`);
	const svgPath = testInfo.outputPath(`${prefix}-map.svg`);
	await svgFile.saveAs(svgPath);
	const svgText = await readFile(svgPath, 'utf8');
	expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
	expect(svgText).toMatch(/<circle[^>]*class="point"/);

	const pngDownload = page.waitForEvent('download');
	await map.getByTestId('download-png').click();
	const pngFile = await pngDownload;
	expect(pngFile.suggestedFilename()).toBe(`${prefix}-map.png`);
	const pngPath = testInfo.outputPath(`${prefix}-map.png`);
	await pngFile.saveAs(pngPath);
	const pngBytes = await readFile(pngPath);
	expect([...pngBytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
	expect(pngBytes.length).toBeGreaterThan(5_000);
}

/** Runs the whole Segments flow on the dataset that is open, after a biased MF model was trained on it. */
async function segmentsFlow(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	await page.getByRole('link', { name: 'Segments' }).click();
	await page.waitForURL(/\/segments/);
	await expect(page.getByTestId('segments-none')).toBeVisible({ timeout: 30_000 });

	const userMap = await buildMap(page, 'users');
	await expect(userMap.getByTestId('map-caption')).toContainText(/users in \d+ clusters; points per cluster: cluster 0: [\d,]+/);
	const itemMap = await buildMap(page, 'items');
	await expect(page.locator('.maps.pair')).toBeVisible();

	expect(await hoverPoint(page, userMap)).toMatch(/^user \S+ · [\d,]+ interactions · mean rating \d\.\d\d/);
	expect(await hoverPoint(page, itemMap)).toMatch(/\(id \S+\) · [\d,]+ interactions/);
	await page.mouse.move(0, 0);

	expect(await brushMiddle(page, userMap)).toBeGreaterThan(0);
	await expect(userMap.getByTestId('selection-summary')).toContainText('Clusters:');
	expect(await brushMiddle(page, itemMap)).toBeGreaterThan(0);
	await expect(itemMap.getByTestId('selection-summary')).toContainText('Top genres:');

	await itemMap.getByTestId('color-mode').selectOption('genre');
	await expect(itemMap.getByTestId('map-legend')).toContainText('Genre');
	await userMap.getByTestId('color-mode').selectOption('rating');
	await expect(userMap.getByTestId('map-legend')).toContainText('Mean rating');
	await page.screenshot({ path: testInfo.outputPath(`${name}-maps.png`), fullPage: true });

	// Cluster profile of the user map, and recommendations for that segment.
	await page.getByTestId('detail-users').click();
	await expect(page.getByTestId('chart-silhouette').locator('path.line')).toHaveCount(1);
	await expect(page.getByTestId('chart-elbow').locator('line.k-marker').first()).toBeAttached();
	await page.getByTestId('profiles-users').getByTestId('cluster-button').first().click();
	const profile = page.getByTestId('cluster-profile');
	await expect(profile).toBeVisible();
	await expect(profile.getByTestId('profile-size')).toContainText(/[\d,]+ users \(\d+\.\d%\)/);
	expect(await profile.getByTestId('typical-members').locator('li').count()).toBeGreaterThan(0);
	await expect(page.getByTestId('compare-users').locator('rect.bar').first()).toBeAttached();
	await profile.getByTestId('segment-recommend').click();
	await expect(profile.getByTestId('segment-recommendation-row').first()).toBeVisible({ timeout: 60_000 });
	await page.screenshot({ path: testInfo.outputPath(`${name}-profile.png`), fullPage: true });
	await profile.screenshot({ path: testInfo.outputPath(`${name}-profile-detail.png`) });

	// Follow a user: a ring on the user map, numbered recommendations on the item map.
	const userId = await page.locator('#segment-user-ids option').first().getAttribute('value');
	await page.getByTestId('follow-user-input').fill(userId!);
	await page.getByTestId('follow-user-button').click();
	await expect(page.getByTestId('follow-summary')).toContainText(`User ${userId} is in cluster`);
	await expect(userMap.locator('g.highlight.focus')).toHaveCount(1);
	await expect(page.getByTestId('follow-recommendations').locator('li')).toHaveCount(10, { timeout: 60_000 });
	expect(await itemMap.locator('g.highlight.related').count()).toBeGreaterThan(0);
	await page.screenshot({ path: testInfo.outputPath(`${name}-follow.png`), fullPage: true });
	await page.locator('.maps').screenshot({ path: testInfo.outputPath(`${name}-follow-maps.png`) });

	await expectMapDownloads(page, testInfo, userMap, 'user');
	await expectMapDownloads(page, testInfo, itemMap, 'item');

	await page.getByTestId('see-recommendations').click();
	await page.waitForURL(/\/recommend\?model=/);
	await expect(page.getByTestId('recommend-model')).toBeVisible();

	// Stored segmentations come back when the page is opened again.
	await page.goto('/segments');
	await expect(page.getByTestId('user-map').locator('svg.map-overlay')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('item-map').locator('svg.map-overlay')).toBeVisible();
	expect(await page.getByTestId('user-map-select').locator('option').count()).toBe(2);
}

test('segments: empty state without datasets', async ({ page }) => {
	await page.goto('/segments');
	await expect(page.getByTestId('segments-empty')).toContainText('No datasets yet');
});

test('segments: sample maps, profiles, linked views, exports', async ({ page }, testInfo) => {
	await loadSample(page);
	await page.getByTestId('model-select').selectOption('biased-mf');
	await trainCurrentModel(page);
	await segmentsFlow(page, testInfo, 'sample');
});

test('segments: MovieLens 100K maps', async ({ page }, testInfo) => {
	const ratings = sharedFile('ml-100k/u.data');
	const items = sharedFile('ml-100k/u.item');
	test.skip(!ratings || !items, `MovieLens 100K not found under ${dataDir}/ml-100k; set RECLAB_DATA_DIR to run this test.`);
	test.setTimeout(400_000);

	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles([ratings!, items!]);
	await expect(page.getByTestId('candidate')).toHaveCount(2);
	await page.getByTestId('dataset-name').fill('MovieLens 100K');
	await page.getByTestId('import').click();
	await expect(page.getByTestId('import-report').getByTestId('report-users')).toHaveText('943', { timeout: 60_000 });
	await page.getByTestId('accept-import').click();
	await page.waitForURL(/\/train\?dataset=/, { timeout: 120_000 });
	await page.getByTestId('model-select').selectOption('biased-mf');
	await trainCurrentModel(page);
	await segmentsFlow(page, testInfo, 'ml-100k');
});

test('segments: canvas map hover, zoom and brush at 20,000 points', async ({ page }, testInfo) => {
	await page.goto('/bench/map?points=20000');
	await page.waitForFunction(() => (window as unknown as { mapBench?: { ready: boolean } }).mapBench?.ready === true);
	const map = page.getByTestId('bench-map');
	await expect(map.locator('canvas')).toHaveCount(1);
	await expect(map.locator('svg.map-overlay')).toHaveAttribute('data-renderer', 'canvas');
	expect(await hoverPoint(page, map)).toMatch(/^point \d+ · cluster \d+$/);

	const box = (await map.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.wheel(0, -300);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 4 });
	await page.mouse.up();
	await page.screenshot({ path: testInfo.outputPath('canvas-map.png'), fullPage: true });
});
