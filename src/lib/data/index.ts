/** Public entry points of the ingest library. */
export { sniffFile, type SniffResult, type FileKind } from './sniff';
export { parseRatings, type ParsedRatings } from './parse-ratings';
export { parseItems, type ParsedItems, MOVIELENS_100K_GENRES } from './parse-items';
export { buildDataset, detectScale, type DatasetInfo } from './build-dataset';
export { ingestFiles, type IngestRequest } from './ingest';
export { IngestError } from './errors';
export type { StreamHooks } from './read-rows';
export type * from './types';
