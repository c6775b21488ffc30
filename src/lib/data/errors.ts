/**
 * Error that stops an import. The message names the file, the place and the
 * value, and tells the user what to do. The fields let the UI point at the same place.
 */
export class IngestError extends Error {
	readonly fileName: string;
	/** 1-based line number in the file, counting the header line. */
	readonly line?: number;
	/** Column name, or `column N` for files without a header. */
	readonly column?: string;
	/** The offending raw value. */
	readonly value?: string;

	constructor(
		message: string,
		details: { fileName: string; line?: number; column?: string; value?: string }
	) {
		super(message);
		this.name = 'IngestError';
		this.fileName = details.fileName;
		this.line = details.line;
		this.column = details.column;
		this.value = details.value;
	}
}

/** Creates the error that cancellation raises, matching what `fetch` and streams throw. */
export function createAbortError(): DOMException {
	return new DOMException('The import was cancelled.', 'AbortError');
}

/** Throws an AbortError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) {
		throw createAbortError();
	}
}
