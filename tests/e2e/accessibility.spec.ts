import { expect, test, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { loadSample, readRecommendations, trainCurrentModel } from './helpers';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// axe-core is injected as a script, which the app's own Content-Security-Policy would block.
test.use({ bypassCSP: true });

interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
	await page.addScriptTag({ path: axePath });
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
		return (await axe.run(document)).violations;
	});
	return violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('no serious or critical axe violations on any page', async ({ page }) => {
	await loadSample(page);
	await page.getByTestId('model-select').selectOption('biased-mf');
	await trainCurrentModel(page, { epochs: '2' });
	expect(await seriousViolations(page), 'train page').toEqual([]);

	await page.getByTestId('model-row').first().getByRole('link', { name: 'Recommend' }).click();
	await page.getByTestId('user-input').fill('1');
	await page.getByTestId('recommend').click();
	await readRecommendations(page);
	expect(await seriousViolations(page), 'recommend page').toEqual([]);

	for (const path of ['/', '/bench', '/explore', '/compare', '/segments']) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		expect(await seriousViolations(page), `page ${path}`).toEqual([]);
	}
});

test('the main flow works by keyboard alone', async ({ page }) => {
	await page.goto('/');
	// Tab to the sample button and press Enter.
	const sample = page.getByTestId('try-sample');
	for (let presses = 0; presses < 30 && !(await sample.evaluate((element) => element === document.activeElement)); presses++) {
		await page.keyboard.press('Tab');
	}
	await expect(sample).toBeFocused();
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/train\?dataset=/, { timeout: 120_000 });

	const train = page.getByTestId('train');
	await expect(train).toBeEnabled({ timeout: 60_000 });
	await train.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('train-message')).toContainText('Trained', { timeout: 170_000 });

	const link = page.getByTestId('model-row').first().getByRole('link', { name: 'Recommend' });
	await link.focus();
	await page.keyboard.press('Enter');
	const user = page.getByTestId('user-input');
	await user.focus();
	await page.keyboard.press('Control+A');
	await page.keyboard.type('1');
	await page.keyboard.press('Enter');
	await readRecommendations(page);
});
