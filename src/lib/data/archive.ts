/**
 * Zip archives such as ml-latest-small.zip: list the entries from the central
 * directory, inflate one entry as a stream with fflate, and recognise the
 * MovieLens layouts among the entries.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { IngestError, throwIfAborted } from './errors';

/** One file inside an archive. */
export interface ArchiveEntry {
	/** Path inside the archive, such as "ml-latest-small/ratings.csv". */
	name: string;
	/** Size in bytes once inflated, as the archive declares it. */
	size: number;
	/** Size in bytes inside the archive. */
	compressedSize: number;
}

/** The entries that hold each part of a dataset, by path, with notes explaining the choice. */
export interface ArchiveRecognition {
	ratings?: string;
	items?: string;
	tags?: string;
	notes: string[];
}

/**
 * Largest inflated entry accepted by default (2 GiB). MovieLens 25M's ratings.csv
 * is about 680 MB; far larger output from a small archive is a zip bomb.
 */
export const DEFAULT_MAX_INFLATED_BYTES = 2 * 1024 ** 3;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
/** End-of-central-directory record size without its comment, and the largest comment. */
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const ZIP64_MARKER = 0xffffffff;

/**
 * Lists the files of a zip archive from its central directory, without
 * inflating anything. Folders and macOS metadata (__MACOSX/, ._*) are left out.
 */
export async function listArchive(blob: Blob, fileName = 'the archive'): Promise<ArchiveEntry[]> {
	const tailStart = Math.max(0, blob.size - END_RECORD_BYTES - MAX_COMMENT_BYTES);
	const tail = new DataView(await blob.slice(tailStart).arrayBuffer());
	let end = -1;
	for (let offset = tail.byteLength - END_RECORD_BYTES; offset >= 0; offset--) {
		if (tail.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) {
			end = offset;
			break;
		}
	}
	if (end < 0) {
		throw new IngestError(`${fileName} is not a zip archive (no central directory found). Choose a .zip file or the data file itself.`, {
			fileName
		});
	}

	const directorySize = tail.getUint32(end + 12, true);
	const directoryOffset = tail.getUint32(end + 16, true);
	if (directoryOffset === ZIP64_MARKER || directorySize === ZIP64_MARKER) {
		// NOTE: ZIP64 archives (over 4 GiB or 65,535 entries) are not read; no MovieLens release needs them.
		throw new IngestError(`${fileName} is a ZIP64 archive, which is not supported. Extract it and choose the data file inside.`, {
			fileName
		});
	}

	const directory = new DataView(await blob.slice(directoryOffset, directoryOffset + directorySize).arrayBuffer());
	const decoder = new TextDecoder('utf-8');
	const entries: ArchiveEntry[] = [];
	let offset = 0;
	while (offset + 46 <= directory.byteLength && directory.getUint32(offset, true) === CENTRAL_DIRECTORY_HEADER) {
		const compressedSize = directory.getUint32(offset + 20, true);
		const size = directory.getUint32(offset + 24, true);
		const nameLength = directory.getUint16(offset + 28, true);
		const extraLength = directory.getUint16(offset + 30, true);
		const commentLength = directory.getUint16(offset + 32, true);
		// NOTE: names without the UTF-8 flag are CP437 by the zip format; they are decoded as UTF-8, which matches for ASCII names.
		const name = decoder.decode(new Uint8Array(directory.buffer, directory.byteOffset + offset + 46, nameLength));
		if (!name.endsWith('/') && !isMetadataEntry(name)) entries.push({ name, size, compressedSize });
		offset += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

function isMetadataEntry(name: string): boolean {
	return name.startsWith('__MACOSX/') || baseName(name).startsWith('._');
}

/** Options for {@link extractEntry}. */
export interface ExtractOptions {
	/** Largest inflated size accepted, in bytes; default {@link DEFAULT_MAX_INFLATED_BYTES}. */
	maxBytes?: number;
	signal?: AbortSignal;
}

/**
 * Inflates one entry of a zip archive. The archive is read as a stream and
 * only the chosen entry is inflated; reading stops once it is complete.
 * Throws an IngestError when the entry is missing, damaged or inflates past `maxBytes`.
 */
export async function extractEntry(blob: Blob, name: string, options: ExtractOptions = {}): Promise<Blob> {
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_INFLATED_BYTES;
	const chunks: Uint8Array[] = [];
	const state: { found: boolean; done: boolean; inflated: number; error: IngestError | null } = {
		found: false,
		done: false,
		inflated: 0,
		error: null
	};

	const tooLarge = (): IngestError =>
		new IngestError(
			`${name} inflates to more than ${maxBytes} bytes, the most this import accepts (a damaged archive or a zip bomb). ` +
				'Extract the file yourself and choose it directly.',
			{ fileName: name }
		);

	const unzip = new Unzip((file: UnzipFile) => {
		if (file.name !== name || state.found) return;
		state.found = true;
		if (file.originalSize !== undefined && file.originalSize > maxBytes) {
			state.error = tooLarge();
			return;
		}
		file.ondata = (error, chunk, final) => {
			if (state.error !== null) return;
			if (error) {
				state.error = new IngestError(`${name} could not be inflated (${error.message}). The archive may be damaged: download it again.`, {
					fileName: name
				});
				return;
			}
			state.inflated += chunk.length;
			if (state.inflated > maxBytes) {
				state.error = tooLarge();
				file.terminate();
				return;
			}
			chunks.push(chunk);
			if (final) state.done = true;
		};
		file.start();
	});
	unzip.register(UnzipInflate);

	const reader = blob.stream().getReader();
	try {
		for (;;) {
			throwIfAborted(options.signal);
			const { done, value } = await reader.read();
			unzip.push(value ?? new Uint8Array(0), done);
			if (state.error !== null) throw state.error;
			if (done || state.done) break;
		}
	} finally {
		await reader.cancel().catch(() => undefined);
	}

	if (!state.found) {
		throw new IngestError(`${name} was not found in the archive. Choose one of the files that the archive lists.`, {
			fileName: name
		});
	}
	if (!state.done) {
		throw new IngestError(`${name} ends early: the archive is truncated. Download it again.`, { fileName: name });
	}
	return new Blob(chunks as BlobPart[]);
}

/** MovieLens layouts: the ratings, items and tags files, by base name. */
const MOVIELENS_LAYOUTS = [
	{ label: 'MovieLens CSV (ml-latest, ml-latest-small, ml-25m)', ratings: 'ratings.csv', items: 'movies.csv', tags: 'tags.csv' },
	{ label: 'MovieLens 100K', ratings: 'u.data', items: 'u.item', tags: null },
	{ label: 'MovieLens 1M / 10M', ratings: 'ratings.dat', items: 'movies.dat', tags: null }
] as const;

/**
 * Finds the ratings, items and tags files of a MovieLens archive. The files are
 * taken from the folder that contains the ratings file, so another copy elsewhere
 * in the archive does not mix in.
 */
export function recogniseArchive(entries: readonly ArchiveEntry[]): ArchiveRecognition {
	for (const layout of MOVIELENS_LAYOUTS) {
		const ratings = shallowest(entries.filter((entry) => baseName(entry.name) === layout.ratings));
		if (ratings === undefined) continue;

		const folder = folderOf(ratings.name);
		const inFolder = (base: string | null): string | undefined =>
			base === null ? undefined : entries.find((entry) => entry.name === folder + base)?.name;
		const result: ArchiveRecognition = { ratings: ratings.name, notes: [] };
		const items = inFolder(layout.items);
		const tags = inFolder(layout.tags);
		if (items !== undefined) result.items = items;
		if (tags !== undefined) result.tags = tags;

		const parts = [`ratings from ${ratings.name}`];
		if (items !== undefined) parts.push(`items from ${items}`);
		if (tags !== undefined) parts.push(`tags from ${tags}`);
		result.notes.push(`Archive layout: ${layout.label}; ${parts.join(', ')}.`);
		if (items === undefined) result.notes.push(`No ${layout.items} beside ${ratings.name}, so items have no titles.`);
		if (layout.label === 'MovieLens 1M / 10M' && entries.some((entry) => entry.name === `${folder}tags.dat`)) {
			// TODO: ml-10m's tags.dat has no header row, which parseTags needs, so it is not read yet.
			result.notes.push(`${folder}tags.dat is not read: it has no header row naming its columns.`);
		}
		return result;
	}
	return {
		notes: [`No MovieLens layout recognised among the ${entries.length} files: choose the ratings file yourself.`]
	};
}

function shallowest(entries: ArchiveEntry[]): ArchiveEntry | undefined {
	return [...entries].sort((a, b) => a.name.split('/').length - b.name.split('/').length)[0];
}

function baseName(path: string): string {
	return path.substring(path.lastIndexOf('/') + 1);
}

function folderOf(path: string): string {
	return path.substring(0, path.lastIndexOf('/') + 1);
}
