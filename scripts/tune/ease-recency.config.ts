// Runs the EASE recency selection (scripts/tune/ease-recency.bench.ts), which the unit tests exclude:
//   npx vitest run --config scripts/tune/ease-recency.config.ts
// Environment: ML100K_DIR (folder with u.data), EASE_LAMBDAS and EASE_HALF_LIVES (comma-separated grids).
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: { include: ['scripts/tune/ease-recency.bench.ts'], environment: 'node', testTimeout: 3_600_000 }
});
