#!/usr/bin/env node
// The benchmark: serves the built app on 127.0.0.1, opens its Benchmark page in
// headless Chromium (real workers, automatically chosen backend), runs every
// model the page lists on each suite below whose files exist, and writes
// bench/results/latest.json. Needs `npm run build` first (`npm run bench` does it).
// Environment: RECLAB_DATA_DIR (default ../shared/data), CHROMIUM_PATH, BENCH_PORT (default 4174),
// BENCH_MODELS (comma-separated model ids; default all), BENCH_SUITES (comma-separated suite ids; default all),
// BENCH_SUITE_TIMEOUT_MIN (default 240), BENCH_OUTPUT (default bench/results/latest.json; set it when running a subset),
// BENCH_SETTINGS (JSON settings per model id merged over the defaults, such as '{"ease":{"recencyHalfLife":10}}'),
// BENCH_BACKEND (auto, webgpu, webgl, wasm or cpu; default auto, the app's own choice).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = resolve(process.env.RECLAB_DATA_DIR ?? resolve(root, '../shared/data'));
const port = Number(process.env.BENCH_PORT ?? 4174);
const suiteTimeoutMs = Number(process.env.BENCH_SUITE_TIMEOUT_MIN ?? 240) * 60_000;
const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--enable-unsafe-webgpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

// Each suite: the files the page gets, and the dataset and protocol names the records carry.
// The page picks the split from the file names: NAME.base/NAME.test pairs are predefined folds,
// u.data gets leave-last-out and other ratings files a seeded random 80/20 split.
const ml100k = (name) => resolve(dataDir, 'ml-100k', name);
const suites = [
	{
		id: 'ml-100k-folds',
		dataset: 'ml-100k',
		protocol: 'predefined folds u1..u5 (u*.base / u*.test)',
		files: ['u1', 'u2', 'u3', 'u4', 'u5'].flatMap((fold) => [ml100k(`${fold}.base`), ml100k(`${fold}.test`)]),
		items: ml100k('u.item')
	},
	{
		id: 'ml-100k-leave-last-out',
		dataset: 'ml-100k',
		protocol: 'leave-last-out per user by timestamp (u.data; users with ≥ 2 ratings; ties to the later row)',
		files: [ml100k('u.data')],
		items: ml100k('u.item')
	},
	{
		id: 'ml-latest-small-random',
		dataset: 'ml-latest-small',
		protocol: 'random 80/20 split of ratings.csv (seed 42)',
		files: [resolve(dataDir, 'ml-latest-small', 'ratings.csv')],
		items: resolve(dataDir, 'ml-latest-small', 'movies.csv')
	}
];
const requestedSuites = process.env.BENCH_SUITES?.split(',');
const requestedModels = process.env.BENCH_MODELS?.split(',');

if (!existsSync(resolve(root, 'build/index.html'))) {
	console.error('build/ is missing: run `npm run build` first (or `npm run bench`, which builds).');
	process.exit(1);
}

// Serve a private copy of build/, because other work in this tree (e2e runs) may rebuild build/ while the benchmark runs for hours.
const servedDir = resolve(root, `bench/out/app-${process.pid}`);
cpSync(resolve(root, 'build'), servedDir, { recursive: true });
const server = spawn(process.execPath, [resolve(root, 'scripts/serve.mjs'), '--port', String(port), '--dir', servedDir], {
	cwd: root,
	stdio: ['ignore', 'pipe', 'inherit']
});
await new Promise((resolveStart) => server.stdout.once('data', resolveStart));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
const records = [];
const comparisons = [];
const skipped = [];

/** Unchecks the models not in BENCH_MODELS and returns the ids that stay checked. */
async function chooseModels(page) {
	await page.locator('[data-testid^="bench-model-"]').first().waitFor({ state: 'attached', timeout: 60_000 });
	const ids = [];
	for (const box of await page.locator('[data-testid^="bench-model-"]').all()) {
		const id = (await box.getAttribute('data-testid')).slice('bench-model-'.length);
		if (requestedModels && !requestedModels.includes(id)) await box.uncheck();
		else ids.push(id);
	}
	return ids;
}

async function runSuite(page, suite) {
	await page.goto(`http://127.0.0.1:${port}/bench`);
	const modelIds = await chooseModels(page);
	const files = existsSync(suite.items) ? [...suite.files, suite.items] : suite.files;
	await page.getByTestId('bench-files').setInputFiles(files);
	if (process.env.BENCH_SETTINGS) await page.getByTestId('bench-settings').fill(process.env.BENCH_SETTINGS);
	console.log(`${suite.id}: ${modelIds.length} models (${modelIds.join(', ')}) on ${suite.files.length} files${files.length > suite.files.length ? ' with item metadata' : ''}`);
	await page.getByTestId('bench-run').click();

	const started = Date.now();
	const done = page.getByTestId('bench-json').or(page.getByTestId('bench-error'));
	while (!(await done.count())) {
		if (Date.now() - started > suiteTimeoutMs) throw new Error(`${suite.id} timed out after ${suiteTimeoutMs / 60_000} min`);
		await page.waitForTimeout(30_000);
		const status = await page.getByTestId('bench-progress').textContent().catch(() => null);
		if (status) console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${status}`);
	}
	const error = await page.getByTestId('bench-error').textContent({ timeout: 1000 }).catch(() => null);
	if (error) throw new Error(`${suite.id} failed: ${error}`);
	const output = JSON.parse(await page.getByTestId('bench-json').textContent());
	for (const record of output.records) records.push({ ...record, dataset: suite.dataset, protocol: suite.protocol });
	for (const comparison of output.comparisons) comparisons.push({ ...comparison, dataset: suite.dataset, protocol: suite.protocol });
}

try {
	const page = await browser.newPage();
	// The app reads the backend choice from localStorage, as set on its Train page.
	const backend = process.env.BENCH_BACKEND ?? 'auto';
	await page.addInitScript((choice) => localStorage.setItem('recommender-lab:backend', choice), backend);
	for (const suite of suites) {
		if (requestedSuites && !requestedSuites.includes(suite.id)) continue;
		const missing = suite.files.filter((file) => !existsSync(file));
		if (missing.length > 0) {
			const message = `${suite.id} skipped: ${missing[0]} not found. Set RECLAB_DATA_DIR to the folder holding ${dirname(missing[0]).split('/').pop()}/.`;
			console.error(message);
			skipped.push(message);
			continue;
		}
		await runSuite(page, suite);
	}
} finally {
	await browser.close();
	server.kill();
	rmSync(servedDir, { recursive: true, force: true });
}

// Means over folds per dataset × protocol × model of every metric the model reports.
const summary = {};
for (const record of records) {
	const key = `${record.dataset} | ${record.protocol} | ${record.model}`;
	if (record.error !== undefined) {
		summary[key] = { error: record.error };
		continue;
	}
	const entry = (summary[key] ??= { folds: 0, metrics: {}, fitSeconds: 0, scoreSeconds: 0, backend: record.backend, candidates: record.candidateLabel });
	if (entry.error !== undefined) continue;
	entry.folds++;
	for (const [metric, value] of Object.entries(record.metrics)) entry.metrics[metric] = (entry.metrics[metric] ?? 0) + value;
	entry.fitSeconds += record.fitSeconds;
	entry.scoreSeconds += record.scoreSeconds;
	if (record.epochsPerSecond !== undefined) {
		entry.epochsPerSecond = (entry.epochsPerSecond ?? 0) + record.epochsPerSecond;
		entry.epochs = (entry.epochs ?? 0) + record.epochs;
	}
}
for (const entry of Object.values(summary)) {
	if (entry.error !== undefined) continue;
	for (const metric of Object.keys(entry.metrics)) entry.metrics[metric] /= entry.folds;
	entry.fitSeconds /= entry.folds;
	entry.scoreSeconds /= entry.folds;
	if (entry.epochsPerSecond !== undefined) {
		entry.epochsPerSecond /= entry.folds;
		entry.epochs /= entry.folds;
	}
}

function describeMetrics(metrics) {
	return Object.entries(metrics)
		.map(([metric, value]) => `${metric} ${value.toFixed(4)}`)
		.join(' ');
}

const output = {
	date: new Date().toISOString(),
	machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
	browser: `Chromium ${browser.version()}`,
	backendChoice: process.env.BENCH_BACKEND ?? 'auto',
	settings: process.env.BENCH_SETTINGS ? JSON.parse(process.env.BENCH_SETTINGS) : {},
	skipped,
	records,
	mean: summary,
	comparisons
};
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
const outputPath = resolve(root, process.env.BENCH_OUTPUT ?? 'bench/results/latest.json');
writeFileSync(outputPath, JSON.stringify(output, null, 2) + '\n');
for (const [key, entry] of Object.entries(summary)) {
	if (entry.error !== undefined) console.log(`${key}: failed: ${entry.error}`);
	else console.log(`${key} (${entry.folds} folds): ${describeMetrics(entry.metrics)} fit ${entry.fitSeconds.toFixed(2)} s score ${entry.scoreSeconds.toFixed(2)} s on ${entry.backend}${entry.epochsPerSecond === undefined ? '' : `, ${entry.epochs.toFixed(1)} epochs at ${entry.epochsPerSecond.toFixed(3)} epochs/s`}`);
}
for (const message of skipped) console.log(message);
console.log(`Wrote ${outputPath}`);
