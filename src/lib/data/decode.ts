/**
 * Encoding detection and the checks that a file is text at all.
 * Works on the first bytes of a file only, so it is cheap for any file size.
 */
import type { ParseOptions } from './types';
import { IngestError } from './errors';

export type TextEncoding = ParseOptions['encoding'];

/** Bytes read to guess the encoding, the delimiter and the header. */
export const SAMPLE_BYTES = 64 * 1024;

/** Reads the first `maxBytes` bytes of a blob. */
export async function readSample(blob: Blob, maxBytes = SAMPLE_BYTES): Promise<Uint8Array> {
	return new Uint8Array(await blob.slice(0, maxBytes).arrayBuffer());
}

/**
 * Returns the WHATWG label to hand to TextDecoder.
 * 'latin1' maps to windows-1252 in the WHATWG Encoding Standard, which also
 * decodes 0x80–0x9F (such as € and curly quotes) the way Windows files mean them.
 */
export function decoderLabel(encoding: TextEncoding): string {
	return encoding === 'latin1' ? 'windows-1252' : encoding;
}

/** Creates a streaming decoder; TextDecoder drops a matching byte-order mark itself. */
export function createDecoder(encoding: TextEncoding): TextDecoder {
	return new TextDecoder(decoderLabel(encoding));
}

/** Bytes read at each of the probes that check the rest of a large file for UTF-8. */
const PROBE_BYTES = 16 * 1024;
const PROBE_COUNT = 8;

/**
 * Reads evenly spread slices past the first sample. A file can be ASCII for
 * its first 64 KiB and latin-1 further on (MovieLens u.item has its first
 * accented title about 75 KB in), so the start alone cannot tell UTF-8 from latin-1.
 */
export async function readProbes(blob: Blob): Promise<Uint8Array[]> {
	const rest = blob.size - SAMPLE_BYTES;
	if (rest <= 0) return [];

	const probes: Uint8Array[] = [];
	for (let index = 0; index < PROBE_COUNT; index++) {
		const start = SAMPLE_BYTES + Math.floor((rest * index) / PROBE_COUNT);
		probes.push(new Uint8Array(await blob.slice(start, start + PROBE_BYTES).arrayBuffer()));
	}
	return probes;
}

/**
 * Guesses the encoding from a sample: a byte-order mark wins, then UTF-16
 * without a mark (NUL in every other byte), then UTF-8 when the sample and
 * every probe are valid UTF-8, else latin-1.
 * A probe may start inside a multi-byte character, so its leading continuation bytes are skipped.
 */
export function detectEncoding(sample: Uint8Array, probes: Uint8Array[] = []): TextEncoding {
	if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
	if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
	if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';

	const unmarkedUtf16 = detectUnmarkedUtf16(sample);
	if (unmarkedUtf16) return unmarkedUtf16;

	const valid = isValidUtf8(sample) && probes.every((probe) => isValidUtf8(skipContinuationBytes(probe)));
	return valid ? 'utf-8' : 'latin1';
}

function skipContinuationBytes(bytes: Uint8Array): Uint8Array {
	let start = 0;
	while (start < 3 && start < bytes.length && (bytes[start] & 0xc0) === 0x80) start++;
	return bytes.subarray(start);
}

function isValidUtf8(sample: Uint8Array): boolean {
	// `stream: true` keeps a multi-byte character cut at the end of the sample
	// from counting as invalid.
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
		return true;
	} catch {
		return false;
	}
}

/** Detects UTF-16 text without a byte-order mark from where its ASCII characters put their zero byte. */
function detectUnmarkedUtf16(sample: Uint8Array): TextEncoding | null {
	const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
	if (pairs < 4) return null;

	let zeroEven = 0;
	let zeroOdd = 0;
	for (let i = 0; i < pairs; i++) {
		if (sample[2 * i] === 0) zeroEven++;
		if (sample[2 * i + 1] === 0) zeroOdd++;
	}
	if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
	if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
	return null;
}

/**
 * Rejects files that cannot be a delimited text file: empty ones, archives and
 * binaries. The IngestError it throws tells the user which kind of file to choose instead.
 */
export function assertTextSample(
	sample: Uint8Array,
	fileName: string,
	encoding: TextEncoding,
	totalBytes: number
): void {
	if (totalBytes === 0) {
		throw new IngestError(`${fileName} is empty: choose a file with one interaction per line.`, {
			fileName
		});
	}

	const archive = detectArchive(sample);
	if (archive) {
		throw new IngestError(
			`${fileName} is a ${archive}, not a text file: extract it and choose the data file inside.`,
			{ fileName }
		);
	}

	// UTF-16 text has NUL bytes by design, so the byte checks below only apply
	// to single-byte and UTF-8 text.
	if (encoding === 'utf-16le' || encoding === 'utf-16be') return;

	let nulBytes = 0;
	let controlBytes = 0;
	for (const byte of sample) {
		if (byte === 0) nulBytes++;
		else if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) {
			controlBytes++;
		}
	}
	if (nulBytes > 0 || controlBytes > sample.length * 0.1) {
		throw new IngestError(
			`${fileName} does not look like a text file (it contains binary bytes): ` +
				'choose a CSV, TSV or .dat file with one interaction per line.',
			{ fileName }
		);
	}
}

function detectArchive(sample: Uint8Array): string | null {
	if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04) {
		return 'zip archive';
	}
	if (sample[0] === 0x1f && sample[1] === 0x8b) return 'gzip archive';
	return null;
}

/** Decodes a whole sample, dropping a byte-order mark. A character cut at the end is left out. */
export function decodeSample(sample: Uint8Array, encoding: TextEncoding): string {
	return createDecoder(encoding).decode(sample, { stream: true });
}
