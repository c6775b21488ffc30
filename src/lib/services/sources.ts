/**
 * Where an import's bytes come from: a file as chosen, or one entry of a zip
 * archive (such as ml-latest-small.zip), inflated in the worker.
 */
import type { Progress } from '../data/types';
import { extractEntry } from '../data/archive';

export interface FileSource {
	blob: Blob;
	/** The name shown in messages: the file's name, or the entry's path inside the archive. */
	fileName: string;
	/** Set when `blob` is a zip archive: the path of the entry to read. */
	entry?: string;
}

export async function resolveSource(source: FileSource, onProgress: (progress: Progress) => void): Promise<Blob> {
	if (!source.entry) return source.blob;
	onProgress({ phase: `unpacking ${source.entry}`, done: 0, total: 1 });
	const blob = await extractEntry(source.blob, source.entry);
	onProgress({ phase: `unpacking ${source.entry}`, done: 1, total: 1 });
	return blob;
}
