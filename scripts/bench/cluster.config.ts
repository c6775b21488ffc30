// Runs the clustering benchmark (scripts/bench/cluster.bench.ts), which the unit tests exclude.
// Started by scripts/bench/cluster.mjs (npm run bench:cluster).
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: { include: ['scripts/bench/cluster.bench.ts'], environment: 'node', testTimeout: 1_800_000 }
});
