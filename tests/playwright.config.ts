import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
 * The flags give WebGPU (SwiftShader, a fallback adapter) and WebGL2 in pages
 * and workers; the background-networking flags stop Chromium from trying to
 * reach outside hosts, which this closed network refuses.
 */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--enable-unsafe-webgpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: './e2e',
	outputDir: '../test-results',
	timeout: 180_000,
	expect: { timeout: 30_000 },
	workers: 1,
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		acceptDownloads: true,
		launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
		trace: 'off',
		screenshot: 'only-on-failure'
	},
	webServer: {
		command: `node scripts/serve.mjs --port ${port}`,
		cwd: '..',
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		timeout: 30_000
	}
});
