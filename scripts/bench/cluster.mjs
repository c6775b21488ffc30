// Clustering benchmark: UMAP, PCA and k-means on 10,000 synthetic points in Node.
// Runs scripts/bench/cluster.bench.ts through vitest (which compiles the TypeScript
// sources) and writes bench/results/cluster-latest.json. CLUSTER_POINTS changes the size.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['vitest', 'run', '--config', 'scripts/bench/cluster.config.ts'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
