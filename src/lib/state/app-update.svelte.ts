/**
 * Registers the service worker and tracks whether a new version of the app is
 * waiting. Applying it reloads the page, so callers must not apply it while a
 * task (training, import) is running.
 */
class AppUpdate {
	/** True when a new version is installed and waiting for the user's consent. */
	available = $state(false);
	private registration: ServiceWorkerRegistration | null = null;

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		try {
			this.registration = await navigator.serviceWorker.register('/service-worker.js');
		} catch {
			// Offline use needs the worker, but the app itself works without it (private windows, some browsers).
			return;
		}
		const registration = this.registration;
		const check = () => {
			// A waiting worker with a controller present is an update; without a controller it is the first install.
			this.available = registration.waiting !== null && navigator.serviceWorker.controller !== null;
		};
		check();
		registration.addEventListener('updatefound', () => {
			registration.installing?.addEventListener('statechange', check);
		});
		let reloading = false;
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			if (reloading || !this.applying) return;
			reloading = true;
			location.reload();
		});
	}

	private applying = false;

	/** Activates the waiting version; the page reloads when it takes over. */
	apply(): void {
		const waiting = this.registration?.waiting;
		if (!waiting) return;
		this.applying = true;
		waiting.postMessage({ type: 'SKIP_WAITING' });
	}
}

export const appUpdate = new AppUpdate();
