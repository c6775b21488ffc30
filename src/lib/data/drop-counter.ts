/** Counting of dropped rows by reason, shared by parsing and the import settings. */
import type { DroppedRows } from './types';

/** Examples kept per reason. */
export const EXAMPLES_PER_REASON = 5;

/** Counts dropped rows by reason, keeping the first few examples of each, in the order reasons first occur. */
export class DropCounter {
	private readonly byReason = new Map<string, DroppedRows>();

	/** Starts from rows already dropped, such as those parsing dropped. */
	constructor(initial: DroppedRows[] = []) {
		for (const entry of initial) {
			this.byReason.set(entry.reason, { reason: entry.reason, count: entry.count, examples: [...entry.examples] });
		}
	}

	add(reason: string, line: number, value: string): void {
		let entry = this.byReason.get(reason);
		if (entry === undefined) {
			entry = { reason, count: 0, examples: [] };
			this.byReason.set(reason, entry);
		}
		entry.count++;
		if (entry.examples.length < EXAMPLES_PER_REASON) entry.examples.push({ line, value });
	}

	countOf(reason: string): number {
		return this.byReason.get(reason)?.count ?? 0;
	}

	/** Returns the earliest example across reasons. */
	first(): { reason: string; line: number; value: string } | null {
		let first: { reason: string; line: number; value: string } | null = null;
		for (const entry of this.byReason.values()) {
			const example = entry.examples[0];
			if (example && (first === null || example.line < first.line)) first = { reason: entry.reason, ...example };
		}
		return first;
	}

	toList(): DroppedRows[] {
		return [...this.byReason.values()];
	}
}
