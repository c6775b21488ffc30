#!/usr/bin/env node
// The benchmark: serves the built app on 127.0.0.1, opens its Benchmark page in
// headless Chromium (real workers, automatically chosen backend), runs biased
// MF on MovieLens 100K's predefined folds u1..u5, and writes
// bench/results/latest.json. Needs `npm run build` first (`npm run bench` does it).
// Environment: RECLAB_DATA_DIR (default ../shared/data), CHROMIUM_PATH, BENCH_PORT.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = resolve(process.env.RECLAB_DATA_DIR ?? resolve(root, '../shared/data'));
const port = Number(process.env.BENCH_PORT ?? 4174);
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

const folds = ['u1', 'u2', 'u3', 'u4', 'u5'];
const foldFiles = folds.flatMap((fold) => [`${fold}.base`, `${fold}.test`].map((name) => resolve(dataDir, 'ml-100k', name)));
const missing = foldFiles.filter((file) => !existsSync(file));
if (missing.length > 0) {
	console.error(`Benchmark skipped: MovieLens 100K folds not found (${missing[0]}). Set RECLAB_DATA_DIR to the folder holding ml-100k/.`);
	process.exit(0);
}
if (!existsSync(resolve(root, 'build/index.html'))) {
	console.error('build/ is missing: run `npm run build` first (or `npm run bench`, which builds).');
	process.exit(1);
}

const server = spawn(process.execPath, [resolve(root, 'scripts/serve.mjs'), '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolveStart) => server.stdout.once('data', resolveStart));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
const records = [];
try {
	const page = await browser.newPage();
	const models = (process.env.BENCH_MODELS ?? 'biased-mf,popularity').split(',');
	for (const model of models) {
		await page.goto(`http://127.0.0.1:${port}/bench`);
		await page.getByTestId('bench-files').setInputFiles(foldFiles);
		await page.getByTestId('bench-model').selectOption(model);
		await page.getByTestId('bench-run').click();
		const json = page.getByTestId('bench-json').or(page.getByTestId('bench-error'));
		await json.waitFor({ state: 'attached', timeout: 30 * 60_000 });
		const error = await page.getByTestId('bench-error').textContent().catch(() => null);
		if (error) throw new Error(`Benchmark failed for ${model}: ${error}`);
		for (const record of JSON.parse(await page.getByTestId('bench-json').textContent())) {
			records.push({ ...record, dataset: 'ml-100k', protocol: 'predefined folds u1..u5 (u*.base / u*.test)' });
		}
	}
} finally {
	await browser.close();
	server.kill();
}

// Means over folds of every metric a model reports (ranking metrics for all models, RMSE/MAE for rating predictors).
const summary = {};
for (const record of records) {
	const entry = (summary[record.model] ??= { folds: 0, metrics: {}, fitSeconds: 0, scoreSeconds: 0, backend: record.backend });
	entry.folds++;
	for (const [key, value] of Object.entries(record.metrics)) entry.metrics[key] = (entry.metrics[key] ?? 0) + value;
	entry.fitSeconds += record.fitSeconds;
	entry.scoreSeconds += record.scoreSeconds;
}
for (const entry of Object.values(summary)) {
	for (const key of Object.keys(entry.metrics)) entry.metrics[key] /= entry.folds;
	entry.fitSeconds /= entry.folds;
	entry.scoreSeconds /= entry.folds;
}

function describeMetrics(metrics) {
	return Object.entries(metrics)
		.map(([key, value]) => `${key} ${value.toFixed(4)}`)
		.join(' ');
}

const output = {
	date: new Date().toISOString(),
	machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
	browser: `Chromium ${browser.version()}`,
	records,
	mean: summary
};
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/latest.json'), JSON.stringify(output, null, 2) + '\n');
for (const record of records) {
	console.log(`${record.model} ${record.fold}: ${describeMetrics(record.metrics)} fit ${record.fitSeconds.toFixed(2)} s score ${record.scoreSeconds.toFixed(2)} s on ${record.backend}`);
}
for (const [model, entry] of Object.entries(summary)) {
	console.log(`${model} mean over ${entry.folds} folds: ${describeMetrics(entry.metrics)} fit ${entry.fitSeconds.toFixed(2)} s score ${entry.scoreSeconds.toFixed(2)} s`);
}
console.log('Wrote bench/results/latest.json');
