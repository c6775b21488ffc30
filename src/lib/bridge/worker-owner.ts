/**
 * The one owner of a Web Worker: starts it lazily, wraps it with comlink, and
 * ends it on demand. Cancelling a task first requests that the worker to stop at its next
 * checkpoint; a worker that does not finish within a grace period (a long
 * kernel, a hang) is terminated and a fresh one starts on the next call.
 */
import * as Comlink from 'comlink';

/** Thrown to callers whose worker crashed (out of memory, a lost GPU device, an uncaught error). */
export class WorkerCrashedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WorkerCrashedError';
	}
}

export class WorkerOwner<Api extends object> {
	private worker: Worker | null = null;
	private remote: Comlink.Remote<Api> | null = null;
	private crashListeners = new Set<(message: string) => void>();
	/** Rejecters of the calls in flight, so a crash fails them instead of leaving them pending forever. */
	private inFlight = new Set<(error: Error) => void>();

	constructor(
		private readonly create: () => Worker,
		readonly label: string
	) {}

	/** The typed remote API, starting the worker if needed. */
	get api(): Comlink.Remote<Api> {
		if (!this.remote) {
			const worker = this.create();
			const crash = (detail: string) => {
				const message = `The ${this.label} worker stopped unexpectedly (${detail}). This can happen when the browser runs out of memory or loses the GPU. Try again, with a smaller dataset or another compute backend.`;
				for (const reject of this.inFlight) reject(new WorkerCrashedError(message));
				this.inFlight.clear();
				this.terminate();
				for (const listener of this.crashListeners) listener(message);
			};
			worker.addEventListener('error', (event) => {
				event.preventDefault();
				crash(event.message || 'no details');
			});
			worker.addEventListener('messageerror', () => crash('a message could not be read'));
			this.worker = worker;
			this.remote = Comlink.wrap<Api>(worker);
		}
		return this.remote;
	}

	/** Wraps a call so that it rejects with WorkerCrashedError if the worker dies before it settles. */
	track<T>(call: Promise<T>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.inFlight.add(reject);
			call.then(
				(value) => {
					this.inFlight.delete(reject);
					resolve(value);
				},
				(error: unknown) => {
					this.inFlight.delete(reject);
					reject(error);
				}
			);
		});
	}

	get running(): boolean {
		return this.worker !== null;
	}

	/** Registers a listener for worker crashes; returns a function that removes it. */
	oncrash(listener: (message: string) => void): () => void {
		this.crashListeners.add(listener);
		return () => this.crashListeners.delete(listener);
	}

	terminate(): void {
		for (const reject of this.inFlight) reject(abortError());
		this.inFlight.clear();
		this.remote?.[Comlink.releaseProxy]();
		this.worker?.terminate();
		this.worker = null;
		this.remote = null;
	}
}

/** Creates the error thrown to callers whose task was cancelled. */
export function abortError(): DOMException {
	return new DOMException('The task was cancelled.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
	return (
		(error instanceof DOMException && error.name === 'AbortError') ||
		(error instanceof Error && error.name === 'AbortError')
	);
}

/**
 * Runs `task` against the worker; when `signal` aborts, calls `requestStop`
 * and, if the task has not settled within `graceMs`, terminates the worker.
 * Either way the returned promise rejects with an AbortError.
 */
export async function runCancellable<T>(
	owner: WorkerOwner<object>,
	task: Promise<T>,
	signal: AbortSignal | undefined,
	requestStop: () => Promise<void> | void,
	graceMs = 1500
): Promise<T> {
	if (!signal) return task;
	if (signal.aborted) throw abortError();
	return new Promise<T>((resolve, reject) => {
		let settled = false;
		const onAbort = () => {
			void Promise.resolve(requestStop()).catch(() => undefined);
			setTimeout(() => {
				if (!settled) {
					settled = true;
					owner.terminate();
					reject(abortError());
				}
			}, graceMs);
		};
		signal.addEventListener('abort', onAbort, { once: true });
		task.then(
			(value) => {
				if (settled) return;
				settled = true;
				signal.removeEventListener('abort', onAbort);
				if (signal.aborted) reject(abortError());
				else resolve(value);
			},
			(error: unknown) => {
				if (settled) return;
				settled = true;
				signal.removeEventListener('abort', onAbort);
				reject(signal.aborted ? abortError() : error);
			}
		);
	});
}

/**
 * A progress callback for a worker call that stops forwarding once the call
 * has settled. Comlink delivers a proxied callback over its own message
 * channel, so a progress message can arrive after the call's result; without
 * this, a late update would show a finished task as still running.
 */
export function progressRelay<T>(onProgress: (progress: T) => void): { send: ((progress: T) => void) & Comlink.ProxyMarked; close: () => void } {
	let open = true;
	return {
		send: Comlink.proxy((progress: T) => {
			if (open) onProgress(progress);
		}),
		close: () => {
			open = false;
		}
	};
}
