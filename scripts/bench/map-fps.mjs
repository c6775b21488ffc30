#!/usr/bin/env node
// Cluster-map frame rate. Serves build/ on 127.0.0.1 and opens /bench/map
// (100,000 seeded synthetic points on the canvas map) in headless Chromium.
// It pans with mouse drags and zooms with the wheel for about 5 s while the page
// records requestAnimationFrame timestamps, then writes bench/results/map-latest.json.
// Needs `npm run build` first (`npm run bench:map` does it).
// Environment: CHROMIUM_PATH, BENCH_MAP_PORT (default 4176), BENCH_MAP_POINTS (default 100000),
// BENCH_MAP_SECONDS (default 5).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const port = Number(process.env.BENCH_MAP_PORT ?? 4176);
const points = Number(process.env.BENCH_MAP_POINTS ?? 100_000);
const seconds = Number(process.env.BENCH_MAP_SECONDS ?? 5);
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

if (!existsSync(resolve(root, 'build/index.html'))) {
	console.error('build/ is missing: run `npm run build` first, or use `npm run bench:map`.');
	process.exit(1);
}

const server = spawn(process.execPath, [resolve(root, 'scripts/serve.mjs'), '--port', String(port), '--dir', resolve(root, 'build')], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolveStart, rejectStart) => {
	server.stdout.on('data', (chunk) => String(chunk).includes('running at') && resolveStart());
	server.on('exit', (code) => rejectStart(new Error(`the server exited with code ${code}`)));
});

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
try {
	const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
	await page.goto(`http://127.0.0.1:${port}/bench/map?points=${points}`);
	await page.waitForFunction(() => window.mapBench?.ready === true, null, { timeout: 120_000 });
	const setup = await page.evaluate(() => window.mapBench);

	const box = await page.getByTestId('bench-map').boundingBox();
	const centreX = box.x + box.width / 2;
	const centreY = box.y + 300;
	await page.mouse.move(centreX, centreY);

	// Frames are counted in the page, so the count is what the user would see.
	await page.evaluate(() => {
		window.mapFrames = [];
		const tick = (time) => {
			window.mapFrames.push(time);
			if (window.mapFrames.length < 100_000) requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});

	const redrawsBefore = await page.evaluate(() => window.mapBench.redraws());
	const started = Date.now();
	let step = 0;
	while (Date.now() - started < seconds * 1000) {
		// Alternate: zoom in and out with the wheel, then pan with a drag in a small circle.
		if (step % 2 === 0) {
			await page.mouse.wheel(0, step % 4 === 0 ? -120 : 100);
		} else {
			const angle = step / 3;
			await page.mouse.down();
			for (let move = 1; move <= 4; move++) await page.mouse.move(centreX + 40 * Math.cos(angle + move / 4), centreY + 40 * Math.sin(angle + move / 4));
			await page.mouse.up();
			await page.mouse.move(centreX, centreY);
		}
		step++;
	}
	const frames = await page.evaluate(() => window.mapFrames.slice());
	const redraws = (await page.evaluate(() => window.mapBench.redraws())) - redrawsBefore;
	const elapsedMs = frames.at(-1) - frames[0];
	const intervals = frames.slice(1).map((time, index) => time - frames[index]).sort((a, b) => a - b);
	const result = {
		date: new Date().toISOString(),
		points: setup.points,
		renderer: setup.renderer,
		seconds: elapsedMs / 1000,
		frames: frames.length,
		fps: Number((((frames.length - 1) * 1000) / elapsedMs).toFixed(1)),
		medianFrameMs: Number(intervals[Math.floor(intervals.length / 2)].toFixed(1)),
		p95FrameMs: Number(intervals[Math.floor(intervals.length * 0.95)].toFixed(1)),
		medianRedrawMs: Number(setup.medianDrawMs.toFixed(1)),
		redraws,
		interactions: step,
		machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), browser: browser.version(), node: process.version }
	};
	mkdirSync(resolve(root, 'bench/results'), { recursive: true });
	writeFileSync(resolve(root, 'bench/results/map-latest.json'), `${JSON.stringify(result, null, '\t')}\n`);
	console.log(JSON.stringify(result, null, 2));
} finally {
	await browser.close();
	server.kill();
}
