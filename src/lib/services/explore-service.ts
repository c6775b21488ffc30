/**
 * Dataset statistics for the Explore page. Runs in the ingest worker, which
 * reads the dataset straight from IndexedDB, so the interaction columns
 * never reach the page.
 */
import { computeDatasetStats, type DatasetStats } from '../explore/stats';
import { loadDataset } from '../storage/datasets';

/** Loads a stored dataset and computes its statistics. */
// TODO: loadDataset holds every column at once (about 20 bytes per row); a pass over stored chunks would lower the peak at 25M rows.
export async function describeDataset(datasetId: string): Promise<DatasetStats> {
	return computeDatasetStats(await loadDataset(datasetId));
}
