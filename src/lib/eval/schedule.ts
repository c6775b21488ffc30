/** Cancellation and event-loop yielding for long loops in workers. */

/** Throws the standard DOMException 'AbortError' when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new DOMException('the operation was cancelled', 'AbortError');
}

/**
 * Returns a function that yields to the event loop once at least `intervalMs`
 * have passed since the last yield. A worker only receives an abort message
 * while it yields, but yielding after every step would cost a timer each time
 * (browsers clamp nested timers to 4 ms).
 */
export function createYielder(intervalMs = 50): () => Promise<void> {
	let last = performance.now();
	return async () => {
		const now = performance.now();
		if (now - last < intervalMs) return;
		await new Promise<void>((resolve) => setTimeout(resolve, 0));
		last = performance.now();
	};
}
