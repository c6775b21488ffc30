#!/usr/bin/env node
// Serves the built app (build/) on 127.0.0.1 only, with the MIME types the app
// needs (.wasm for tfjs, .webmanifest) and index.html for unknown paths, as a
// static host with a single-page-app fallback would.
// Usage: node scripts/serve.mjs [--port 4173] [--dir build]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const index = args.indexOf(`--${name}`);
	return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const port = Number(option('port', process.env.PORT ?? '4173'));
const root = resolve(option('dir', 'build'));

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.wasm': 'application/wasm',
	'.csv': 'text/csv; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.ico': 'image/x-icon'
};

async function resolveFile(pathname) {
	const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	const candidates = [join(root, safe), join(root, safe, 'index.html'), join(root, `${safe}.html`)];
	for (const candidate of candidates) {
		if (!candidate.startsWith(root)) continue;
		try {
			if ((await stat(candidate)).isFile()) return candidate;
		} catch {
			// Not this candidate; try the next.
		}
	}
	return join(root, 'index.html');
}

const server = createServer(async (request, response) => {
	try {
		const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
		const file = await resolveFile(url.pathname);
		const body = await readFile(file);
		const headers = {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'cache-control': file.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
		};
		response.writeHead(200, headers);
		response.end(request.method === 'HEAD' ? undefined : body);
	} catch (error) {
		response.writeHead(500, { 'content-type': 'text/plain' });
		response.end(`Server error: ${error instanceof Error ? error.message : String(error)}`);
	}
});

server.listen(port, '127.0.0.1', () => {
	console.log(`Recommender Lab is running at http://127.0.0.1:${port}/ (press Ctrl+C to stop)`);
});
