/** Number and size formatting for the UI. */

export function formatCount(value: number): string {
	return value.toLocaleString('en-US');
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatSeconds(seconds: number): string {
	if (!Number.isFinite(seconds)) return '–';
	if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
	if (seconds < 60) return `${seconds.toFixed(1)} s`;
	const minutes = Math.floor(seconds / 60);
	return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export function formatMetric(value: number | undefined, digits = 4): string {
	return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
