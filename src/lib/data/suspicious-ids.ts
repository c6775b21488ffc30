/**
 * Detection of ids that a spreadsheet has damaged: scientific notation such as
 * 1.23E+16 or 9.78043902348e+12 (digits already lost), and decimals such as
 * 12.0 in a column of integer ids. These are warnings; the rows are kept.
 */

const SCIENTIFIC_PATTERN = /^[+-]?\d+(\.\d+)?[eE][+-]?\d+$/;
const INTEGER_PATTERN = /^[+-]?\d+$/;
const DECIMAL_PATTERN = /^[+-]?\d*\.\d+$/;
const EXAMPLES = 5;

/** Suspicious ids of one column: how many distinct ids and the first few. */
export interface SuspiciousIds {
	count: number;
	examples: string[];
}

/** Finds damaged-looking ids among distinct ids, in one linear pass. */
export function findSuspiciousIds(ids: readonly string[]): SuspiciousIds {
	let integers = 0;
	for (const id of ids) if (INTEGER_PATTERN.test(id)) integers++;
	// Decimals count only where most ids are integers: a column of prices or scores used as ids is not damaged.
	const mostlyIntegers = integers * 2 > ids.length;

	let count = 0;
	const examples: string[] = [];
	for (const id of ids) {
		const suspicious = SCIENTIFIC_PATTERN.test(id) || (mostlyIntegers && DECIMAL_PATTERN.test(id));
		if (!suspicious) continue;
		count++;
		if (examples.length < EXAMPLES) examples.push(id);
	}
	return { count, examples };
}
