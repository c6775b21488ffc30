/**
 * CSV writing for downloads. Cells are quoted as RFC 4180 requires, and a cell
 * that starts with a character spreadsheets read as a formula (=, +, -, @, tab
 * or carriage return) gets a leading single quote, so opening the file in
 * Excel, LibreOffice or Google Sheets shows the text instead of running it.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes a single quote to text a spreadsheet would treat as a formula.
 * Numbers pass through unchanged: a negative number is data, not a formula.
 */
export function neutraliseFormula(cell: string): string {
	return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Quotes a cell when it contains a comma, a quote or a line break, doubling inner quotes. */
function quote(cell: string): string {
	return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export type CsvCell = string | number | null | undefined;

function formatCell(cell: CsvCell): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
	return quote(neutraliseFormula(cell));
}

/** Builds CSV text with a header row and CRLF line ends; text cells are neutralised and quoted. */
export function toCsv(header: string[], rows: Iterable<CsvCell[]>): string {
	const lines = [header.map(formatCell).join(',')];
	for (const row of rows) lines.push(row.map(formatCell).join(','));
	return `${lines.join('\r\n')}\r\n`;
}
