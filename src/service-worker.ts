/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Precaches the app shell, the worker bundles, the tfjs WASM binaries and the
 * sample dataset at install, then serves them cache-first, so every page works
 * offline after one visit. Navigations fall back to the cached index.html
 * (the app is a single-page app built by adapter-static).
 *
 * A new version installs in the background and waits: the page announces it
 * and sends SKIP_WAITING only when the user agrees (and no training runs), so
 * a running task never has its code swapped underneath it.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `recommender-lab-${version}`;
const ASSETS = [...new Set([...build, ...files, ...prerendered, '/'])];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll(ASSETS);
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== CACHE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
			if (cached) return cached;
			try {
				const response = await fetch(request);
				if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
				return response;
			} catch (error) {
				if (request.mode === 'navigate') {
					const shell = (await cache.match('/index.html')) ?? (await cache.match('/'));
					if (shell) return shell;
				}
				throw error;
			}
		})()
	);
});
