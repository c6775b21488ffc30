// Runs the biased-MF tuning run (scripts/tune/mf-tune.bench.ts), which the unit tests exclude:
//   npx vitest run --config scripts/tune/mf-tune.config.ts
// Environment: MF_CONFIG (JSON hyperparameters), MF_FOLDS (e.g. "1,2,3,4,5"),
// MF_BACKEND ('wasm' or 'cpu'), ML100K_DIR (folder with u1.base … u5.test).
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: { include: ['scripts/tune/mf-tune.bench.ts'], environment: 'node', testTimeout: 3_600_000 }
});
