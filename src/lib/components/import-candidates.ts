/**
 * Turns what the ingest worker sniffed into the list of files the import panel
 * shows: one entry per plain file, and one per recognised entry of a zip
 * archive (ratings, items, tags), each with a role the user can change.
 */
import type { ColumnMapping, ParseOptions } from '$lib/data/types';
import type { SniffResult, SourceSniff } from '$lib/services/ingest-service';

export type CandidateRole = 'ratings' | 'items' | 'tags' | 'ignore';

export interface Candidate {
	/** The chosen file; for an archive entry, the whole zip. */
	blob: Blob;
	/** Shown name: the file's name, or the entry's path in the archive. */
	fileName: string;
	entry?: string;
	sniff: SniffResult;
	role: CandidateRole;
	mapping: ColumnMapping;
	options: ParseOptions;
	/** The archive it came from, if any. */
	archiveName?: string;
}

export function candidatesFrom(file: File, sniffed: SourceSniff, taken: CandidateRole[]): { candidates: Candidate[]; notes: string[] } {
	const roleFor = (wanted: CandidateRole): CandidateRole => (taken.includes(wanted) ? 'ignore' : wanted);
	if (sniffed.kind === 'file') {
		const { sniff } = sniffed;
		return {
			candidates: [{ blob: file, fileName: file.name, sniff, role: roleFor(sniff.fileKind), mapping: sniff.mapping, options: sniff.options }],
			notes: []
		};
	}
	const candidates: Candidate[] = [];
	for (const role of ['ratings', 'items', 'tags'] as const) {
		const sniff = sniffed[role];
		if (!sniff) continue;
		candidates.push({
			blob: file,
			fileName: sniff.fileName,
			entry: sniff.fileName,
			sniff,
			role: roleFor(role),
			mapping: sniff.mapping,
			options: sniff.options,
			archiveName: file.name
		});
	}
	const notes = [...sniffed.notes];
	if (candidates.length === 0) {
		notes.push(
			`${file.name} holds ${sniffed.entries.length} files, none recognised as ratings or item metadata. Unpack it and choose the ratings file itself.`
		);
	}
	return { candidates, notes };
}

/**
 * Returns the name a new dataset gets from its file: the name without its extension ("ratings" from
 * "ratings.csv"), or the whole name when the stem is one or two characters ("u.data" stays "u.data").
 */
export function defaultDatasetName(fileName: string): string {
	const stem = fileName.replace(/\.[^.]+$/, '');
	return stem.length > 2 ? stem : fileName;
}
