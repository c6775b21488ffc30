/**
 * Sniffing for a chosen file: a plain text file gets one guess; a zip archive
 * is listed, its MovieLens-style entries are recognised, and each recognised
 * entry is sniffed like a file of its own.
 */
import { sniffFile, type SniffResult } from '../data/sniff';
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

export async function sniffSource(blob: Blob, fileName: string): Promise<SourceSniff> {
	if (!(await isZip(blob))) return { kind: 'file', sniff: await sniffFile(blob, fileName) };

	const entries = await listArchive(blob);
	const recognised = recogniseArchive(entries);
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
