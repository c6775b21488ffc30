/** Public entry points of the ingest library. */
export { sniffFile, type SniffResult, type FileKind } from './sniff';
export { parseRatings, type ParsedRatings } from './parse-ratings';
export { parseItems, type ParsedItems, MOVIELENS_100K_GENRES } from './parse-items';
export { parseTags, attachTags, type ParsedTags } from './parse-tags';
export { buildDataset, detectScale, measureScale, type DatasetInfo } from './build-dataset';
export { ingestFiles, type IngestRequest } from './ingest';
export {
	listArchive,
	extractEntry,
	recogniseArchive,
	DEFAULT_MAX_INFLATED_BYTES,
	type ArchiveEntry,
	type ArchiveRecognition,
	type ExtractOptions
} from './archive';
export { IngestError } from './errors';
export type { StreamHooks } from './read-rows';
export type * from './types';
export { DEFAULT_IMPORT_SETTINGS } from './types';
