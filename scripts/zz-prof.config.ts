import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { include: ['scripts/zz-prof.bench.ts'], testTimeout: 600000 } });
