import { expect, test } from '@playwright/test';
import { zipSync } from 'fflate';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { dataDir, sharedFile } from './helpers';

const latestSmall = ['ratings.csv', 'movies.csv', 'tags.csv'].map((name) => sharedFile(`ml-latest-small/${name}`));
const movies1m = sharedFile('ml-1m/movies.dat');

test('a MovieLens zip is opened in the browser and its files are recognised', async ({ page }, testInfo) => {
	test.skip(latestSmall.some((path) => !path), `ml-latest-small not found under ${dataDir}; set RECLAB_DATA_DIR to run this test.`);
	// The release's layout, built here because the data may not be redistributed with the repository.
	const zip = zipSync({
		'ml-latest-small/ratings.csv': readFileSync(latestSmall[0]!),
		'ml-latest-small/movies.csv': readFileSync(latestSmall[1]!),
		'ml-latest-small/tags.csv': readFileSync(latestSmall[2]!)
	});
	const zipPath = testInfo.outputPath('ml-latest-small.zip');
	mkdirSync(dirname(zipPath), { recursive: true });
	writeFileSync(zipPath, zip);

	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles(zipPath);
	await expect(page.getByTestId('candidate')).toHaveCount(3);
	const roles = await page.getByTestId('file-role').evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).value));
	expect(roles).toEqual(['ratings', 'items', 'tags']);

	await page.getByTestId('import').click();
	const report = page.getByTestId('import-report');
	await expect(report.getByTestId('report-users')).toHaveText('610', { timeout: 120_000 });
	await expect(report.getByTestId('report-items')).toHaveText('9,724');
	await expect(report.getByTestId('report-interactions')).toHaveText('100,836');
	await expect(report.getByTestId('report-kind')).toContainText('explicit (0.5–5, step 0.5)');
	await page.screenshot({ path: testInfo.outputPath('zip-report.png'), fullPage: true });
	await page.getByTestId('accept-import').click();
	await page.waitForURL(/\/train\?dataset=/, { timeout: 120_000 });
});

test('a latin-1 .dat item file shows accented titles correctly', async ({ page }) => {
	test.skip(!movies1m, `ml-1m/movies.dat not found under ${dataDir}; set RECLAB_DATA_DIR to run this test.`);
	// Thirty users rate five movies whose latin-1 titles carry accents; user 1 rates two others, so a
	// popularity model recommends the five accented titles to user 1 first.
	const accented = [73, 570, 582, 649, 1117];
	const lines: string[] = [];
	for (let user = 2; user <= 31; user++) for (const movie of accented) lines.push(`${user}::${movie}::${1 + ((user + movie) % 5)}::97830${user}000`);
	lines.push('1::1::5::978300760', '1::2::3::978302109');
	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles([
		{ name: 'ratings.dat', mimeType: 'application/octet-stream', buffer: Buffer.from(lines.join('\n') + '\n') },
		{ name: 'movies.dat', mimeType: 'application/octet-stream', buffer: readFileSync(movies1m!) }
	]);
	await expect(page.getByTestId('candidate')).toHaveCount(2);
	await page.getByTestId('import').click();
	await expect(page.getByTestId('import-report').getByTestId('report-users')).toHaveText('31', { timeout: 60_000 });
	await page.getByTestId('accept-import').click();
	await page.waitForURL(/\/train\?dataset=/, { timeout: 60_000 });

	await page.getByTestId('model-select').selectOption('popularity');
	await page.getByTestId('train').click();
	await expect(page.getByTestId('train-message')).toContainText('Trained', { timeout: 60_000 });
	await page.getByTestId('model-row').first().getByRole('link', { name: 'Recommend' }).click();
	await page.getByTestId('user-input').fill('1');
	await page.getByTestId('recommend').click();
	await expect(page.getByTestId('recommendation-row')).toHaveCount(5);
	const titles = await page.getByTestId('rec-title').allTextContents();
	expect(titles).toEqual(
		expect.arrayContaining([
			'Misérables, Les (1995)',
			'Slingshot, The (Kådisbellan ) (1993)',
			'Metisse (Café au Lait) (1993)',
			'Cold Fever (Á köldum klaka) (1994)',
			'Eighth Day, The (Le Huitième jour ) (1996)'
		])
	);
});
