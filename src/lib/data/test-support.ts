/** Helpers shared by the ingest tests; not part of the library. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const FIXTURE_DIR = resolve(process.cwd(), 'tests/fixtures/ingest');

/** Returns a Blob of text encoded as UTF-8. */
export function textBlob(text: string): Blob {
	return new Blob([text]);
}

/** Returns a Blob of a string's characters as single bytes (latin-1), so "\xe9" is one byte 0xE9. */
export function latin1Blob(text: string): Blob {
	return new Blob([Buffer.from(text, 'latin1')]);
}

/** Reads a file from tests/fixtures/ingest as a Blob. */
export function fixtureBlob(name: string): Blob {
	return new Blob([readFileSync(resolve(FIXTURE_DIR, name))]);
}

/** Resolves with the rejection of `promise`, failing when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof Error || error instanceof DOMException) return error;
		throw new Error(`rejected with a non-error value: ${String(error)}`);
	}
	throw new Error('expected a rejection, but the promise resolved');
}
