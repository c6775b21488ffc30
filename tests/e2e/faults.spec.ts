import { expect, test } from '@playwright/test';
import { loadSample, readAndAccept } from './helpers';

test('diverging training stops with advice and saves no model', async ({ page }) => {
	await loadSample(page);
	await page.getByTestId('model-select').selectOption('biased-mf');
	await page.getByTestId('hp-optimizer').selectOption('sgd');
	for (const [key, value] of Object.entries({ learningRate: '1000', initStd: '1', epochs: '3' })) {
		await page.getByTestId(`hp-${key}`).fill(value);
		await page.getByTestId(`hp-${key}`).dispatchEvent('change');
	}
	await page.getByTestId('train').click();
	await expect(page.getByTestId('train-error')).toContainText('lower the learning rate', { timeout: 120_000 });
	await expect(page.getByTestId('model-row')).toHaveCount(0);
});

test('titles and ids with HTML are shown as text everywhere', async ({ page }) => {
	const hostileTitle = '<img src=x onerror="window.__xss=1">Evil <b>bold</b>';
	const ratings = ['user,item,rating'];
	for (let user = 0; user < 12; user++) {
		if (user % 2 === 0) ratings.push(`<script>u${user}</script>,evil,${1 + (user % 5)}`);
		ratings.push(`<script>u${user}</script>,plain${user % 3},${1 + ((user + 2) % 5)}`);
	}
	ratings.push('<script>u0</script>,other,4');
	const items = ['itemId,title,genres', `evil,"${hostileTitle.replaceAll('"', '""')}",<i>Drama</i>`, 'plain0,Plain Zero,Comedy', 'plain1,Plain One,Comedy', 'plain2,Plain Two,Comedy', 'other,Other,Comedy'];
	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles([
		{ name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(ratings.join('\n') + '\n') },
		{ name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(items.join('\n') + '\n') }
	]);
	await readAndAccept(page);

	await page.getByTestId('model-select').selectOption('popularity');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('train-message')).toContainText('Trained', { timeout: 60_000 });
	await page.getByTestId('model-row').first().getByRole('link', { name: 'Recommend' }).click();
	await page.getByTestId('user-input').fill('<script>u1</script>');
	await page.getByTestId('recommend').click();
	await expect(page.getByTestId('recommendations')).toContainText('Evil <b>bold</b>');
	await expect(page.getByTestId('recommendations')).toContainText('<i>Drama</i>');
	await expect(page.getByRole('heading', { name: 'Top 4 for user <script>u1</script>' })).toBeVisible();
	expect(await page.locator('img[src="x"]').count()).toBe(0);

	// The explore page's charts and tooltips also treat genre names as text.
	await page.goto('/explore');
	await expect(page.locator('svg').first()).toBeVisible({ timeout: 60_000 });
	expect(await page.locator('img[src="x"], b, i').count()).toBe(0);
	expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test('a write that exceeds the storage quota fails clearly and keeps earlier data', async ({ context, baseURL }) => {
	// Chromium fixes an origin's quota when its storage is first opened, so the override comes before the first visit.
	// 3 MB holds the sample (about 0.7 MB) but not a second dataset of 3.6 MB.
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	const origin = new URL(baseURL!).origin;
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 3_000_000 });
	await loadSample(page);
	await page.goto('/');
	await expect(page.getByTestId('dataset-row')).toHaveCount(1);

	const lines = ['user,item,rating'];
	for (let row = 0; row < 300_000; row++) lines.push(`${row % 3000},${Math.floor(row / 3000)},${1 + (row % 5)}`);
	await page.getByTestId('file-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
	await page.getByTestId('import').click();
	await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
	await page.getByTestId('accept-import').click();
	await expect(page.getByTestId('import-error')).toContainText('quota', { timeout: 60_000 });
	await expect(page.getByTestId('import-error')).toContainText('earlier datasets and models are intact');

	await page.reload();
	await expect(page.getByTestId('dataset-row')).toHaveCount(1);
	await expect(page.getByTestId('dataset-row')).toContainText('Sample');
	// Nothing of the failed import is left in storage.
	const stored = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open('recommender-lab');
				open.onsuccess = () => {
					const request = open.result.transaction('datasets').objectStore('datasets').count();
					request.onsuccess = () => resolve(request.result);
				};
			})
	);
	expect(stored).toBe(1);
});

test('crashed worker reported, retry succeeds', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('recommender-lab:test-hooks', '1'));
	await loadSample(page);
	await page.getByTestId('model-select').selectOption('biased-mf');
	await page.getByTestId('hp-epochs').fill('200');
	await page.getByTestId('hp-epochs').dispatchEvent('change');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('progress')).toContainText('epoch 2', { timeout: 60_000 });
	await page.evaluate(() => (window as unknown as { recommenderLabTestHooks: { crashTrainWorker: () => void } }).recommenderLabTestHooks.crashTrainWorker());
	await expect(page.getByTestId('train-error')).toContainText('stopped unexpectedly', { timeout: 30_000 });
	await expect(page.getByTestId('model-row')).toHaveCount(0);

	// The page stays usable: a retry on the CPU backend starts a fresh worker and trains.
	await page.getByTestId('hp-epochs').fill('2');
	await page.getByTestId('hp-epochs').dispatchEvent('change');
	await page.getByTestId('retry-cpu').click();
	await expect(page.getByTestId('train-message')).toContainText('on cpu', { timeout: 120_000 });
	await expect(page.getByTestId('model-row')).toHaveCount(1);
});

test('lost GPU device reported, retry succeeds', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('recommender-lab:test-hooks', '1'));
	await loadSample(page);
	await page.getByTestId('backend-select').selectOption('webgpu');
	await expect(page.getByTestId('backend-info')).toContainText('In use: webgpu', { timeout: 60_000 });
	await page.getByTestId('model-select').selectOption('biased-mf');
	await page.getByTestId('hp-epochs').fill('200');
	await page.getByTestId('hp-epochs').dispatchEvent('change');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('progress')).toContainText('epoch 1', { timeout: 120_000 });
	await page.evaluate(() => (window as unknown as { recommenderLabTestHooks: { loseGpuDevice: () => void } }).recommenderLabTestHooks.loseGpuDevice());
	await expect(page.getByTestId('train-error')).toContainText('The GPU device was lost during training', { timeout: 120_000 });
	await expect(page.getByTestId('model-row')).toHaveCount(0);

	await page.getByTestId('hp-epochs').fill('2');
	await page.getByTestId('hp-epochs').dispatchEvent('change');
	await page.getByTestId('retry-wasm').click();
	await expect(page.getByTestId('train-message')).toContainText('on wasm', { timeout: 120_000 });
});
