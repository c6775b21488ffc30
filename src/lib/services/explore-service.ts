/**
 * Dataset statistics for the Explore page. Runs in the ingest worker, which
 * reads the dataset straight from IndexedDB, so the page never holds the
 * interaction columns.
 */
import { computeDatasetStats, type DatasetStats } from '../explore/stats';
import { loadDataset } from '../storage/datasets';

/** Loads a stored dataset and computes its statistics. */
export async function describeDataset(datasetId: string): Promise<DatasetStats> {
	return computeDatasetStats(await loadDataset(datasetId));
}
