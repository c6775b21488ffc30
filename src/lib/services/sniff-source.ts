/**
 * Sniffing for a chosen file: a plain text file gets one guess; a zip archive
 * is listed, its MovieLens-style entries are recognised, and each recognised
 * entry is sniffed like a file of its own.
 */
import { sniffFile, type SniffOverrides, type SniffResult } from '../data/sniff';
import { extractEntry, listArchive, recogniseArchive, type ArchiveEntry } from '../data/archive';

export type SourceSniff =
	| { kind: 'file'; sniff: SniffResult }
	| {
			kind: 'archive';
			entries: ArchiveEntry[];
			/** Sniff results of the recognised entries, keyed by role. */
			ratings: SniffResult | null;
			items: SniffResult | null;
			tags: SniffResult | null;
			notes: string[];
	  };

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

async function isZip(blob: Blob): Promise<boolean> {
	const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
	return ZIP_SIGNATURE.every((byte, index) => head[index] === byte);
}

export interface SniffRequest {
	/** Options the user set by hand; the rest is guessed again. */
	overrides?: SniffOverrides;
	/** Sniff only this entry of a zip archive. */
	entry?: string;
}

export async function sniffSource(blob: Blob, fileName: string, request: SniffRequest = {}): Promise<SourceSniff> {
	if (request.entry) {
		return { kind: 'file', sniff: await sniffFile(await extractEntry(blob, request.entry), request.entry, request.overrides) };
	}
	if (!(await isZip(blob))) return { kind: 'file', sniff: await sniffFile(blob, fileName, request.overrides) };

	const entries = await listArchive(blob, fileName);
	const recognised = recogniseArchive(entries);
	// TODO: sniffing inflates the whole entry; at ml-25m size (650 MB) a prefix would do, which needs a streaming inflate that stops early.
	const sniffEntry = async (entry: string | undefined) => (entry ? sniffFile(await extractEntry(blob, entry), entry) : null);
	return {
		kind: 'archive',
		entries,
		ratings: await sniffEntry(recognised.ratings),
		items: await sniffEntry(recognised.items),
		tags: await sniffEntry(recognised.tags),
		notes: recognised.notes
	};
}
