import { expect, test } from '@playwright/test';
import { loadSample } from './helpers';

const cases: { name: string; body: Buffer; message: RegExp }[] = [
	{ name: 'empty.csv', body: Buffer.alloc(0), message: /empty\.csv.*empty/i },
	{ name: 'binary.csv', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3, 0, 0]), message: /binary\.csv.*text file/i },
	{ name: 'no-ratings.csv', body: Buffer.from('user,item,rating\nu1,i1,good\nu2,i2,bad\nu3,i3,fine\n'), message: /no-ratings\.csv.*rating/i }
];

test('bad files get a clear message and leave stored data alone', async ({ page }) => {
	await loadSample(page);
	await page.goto('/');
	await expect(page.getByTestId('dataset-row')).toHaveCount(1);

	for (const { name, body, message } of cases) {
		await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: body });
		// A file that cannot even be sniffed fails at once; one that sniffs fails when it is read.
		const importButton = page.getByTestId('import');
		await expect(page.getByTestId('import-error').or(importButton)).toBeVisible();
		if (await importButton.isVisible()) await importButton.click();
		await expect(page.getByTestId('import-error')).toContainText(message);
		// Clear the candidate list before the next case.
		for (const remove of await page.getByRole('button', { name: 'Remove' }).all()) await remove.click();
	}
	await page.reload();
	await expect(page.getByTestId('dataset-row')).toHaveCount(1);
});
