import { expect, test, type Request } from '@playwright/test';
import { loadSample, readRecommendations, trainCurrentModel, waitForServiceWorker } from './helpers';

/** A full run through the app: sample import, training, recommendations, model download. */
async function runThroughApp(page: import('@playwright/test').Page, options: { alreadyHome?: boolean } = {}): Promise<void> {
	await loadSample(page, options);
	await page.getByTestId('model-select').selectOption('biased-mf');
	await trainCurrentModel(page, { epochs: '2' });
	await page.getByTestId('model-row').first().getByRole('link', { name: 'Recommend' }).click();
	await page.getByTestId('user-input').fill('1');
	await page.getByTestId('recommend').click();
	await readRecommendations(page);
	const download = page.waitForEvent('download');
	await page.getByTestId('download-model').click();
	await download;
}

test('the app requests nothing from any other origin', async ({ page, context, baseURL }) => {
	const origin = new URL(baseURL!).origin;
	const requests: Request[] = [];
	context.on('request', (request) => requests.push(request));

	await runThroughApp(page);

	const foreign = requests.map((request) => request.url()).filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
	expect(foreign).toEqual([]);
	expect(requests.length).toBeGreaterThan(0);
});

test('pages carry a Content-Security-Policy limited to their own origin', async ({ page }) => {
	await page.goto('/');
	const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(policy).toContain("default-src 'self'");
	expect(policy).toContain("connect-src 'self'");
	expect(policy).not.toMatch(/https?:/);
});

test('once installed, the app works offline without touching the network', async ({ page, context }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	const fromNetwork: string[] = [];
	context.on('requestfinished', async (request) => {
		const response = await request.response();
		if (response && !response.fromServiceWorker() && !/^(data|blob):/.test(request.url())) fromNetwork.push(request.url());
	});
	context.on('requestfailed', (request) => {
		if (!/^(data|blob):/.test(request.url())) fromNetwork.push(`${request.url()} (failed: ${request.failure()?.errorText})`);
	});

	await page.reload();
	// Let the reload finish, so the next navigation does not abort its requests half-way.
	await expect(page.getByRole('heading', { name: 'Recommender Lab', level: 1 })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await runThroughApp(page, { alreadyHome: true });
	expect(fromNetwork).toEqual([]);
	await context.setOffline(false);
});
