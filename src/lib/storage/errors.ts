/**
 * Turns IndexedDB failures into messages a user can act on. A full disk is the
 * common case, and the browser reports it as a DOMException named
 * 'QuotaExceededError' (sometimes wrapped as the cause of a transaction abort).
 */
export class StorageError extends Error {
	constructor(
		message: string,
		readonly quotaExceeded: boolean
	) {
		super(message);
		this.name = 'StorageError';
	}
}

function isQuotaError(error: unknown): boolean {
	if (error instanceof DOMException && error.name === 'QuotaExceededError') return true;
	if (error instanceof Error && error.cause !== undefined) return isQuotaError(error.cause);
	return false;
}

export function describeStorageError(error: unknown, action: string): Error {
	if (isQuotaError(error)) {
		return new StorageError(
			`The browser's storage quota was exceeded while ${action}. Nothing was saved; your earlier datasets and models are intact. Delete datasets or models you no longer need, then try again.`,
			true
		);
	}
	if (error instanceof Error) return new StorageError(`Storage failed while ${action}: ${error.message}`, false);
	return new StorageError(`Storage failed while ${action}: ${String(error)}`, false);
}

/** Usage and quota in bytes, where the browser reports them. */
export async function estimateStorage(): Promise<{ usage: number; quota: number; persisted: boolean } | null> {
	if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
	const { usage = 0, quota = 0 } = await navigator.storage.estimate();
	const persisted = (await navigator.storage.persisted?.()) ?? false;
	return { usage, quota, persisted };
}
