import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from './csv';

describe('neutraliseFormula', () => {
	it.each([
		['=SUM(A1:A2)', "'=SUM(A1:A2)"],
		['+1', "'+1"],
		['-2', "'-2"],
		['@cmd', "'@cmd"],
		['\tindent', "'\tindent"],
		['\rreturn', "'\rreturn"]
	])('prefixes a quote to %j', (cell, expected) => {
		expect(neutraliseFormula(cell)).toBe(expected);
	});

	it.each(['u42', '007', 'a=b', 'Toy Story (1995)', ''])('leaves %j unchanged', (cell) => {
		expect(neutraliseFormula(cell)).toBe(cell);
	});
});

describe('toCsv', () => {
	it('writes a header and rows with CRLF', () => {
		expect(toCsv(['id', 'cluster'], [['u1', 0], ['u2', 3]])).toBe('id,cluster\r\nu1,0\r\nu2,3\r\n');
	});

	it('keeps negative numbers as numbers', () => {
		expect(toCsv(['value'], [[-1.5]])).toBe('value\r\n-1.5\r\n');
	});

	it('quotes commas, quotes and line breaks', () => {
		expect(toCsv(['title'], [['Heat, The'], ['say "hi"'], ['two\nlines']])).toBe('title\r\n"Heat, The"\r\n"say ""hi"""\r\n"two\nlines"\r\n');
	});

	it('neutralises a formula before quoting it', () => {
		expect(toCsv(['id'], [['=1+2,3']])).toBe(`id\r\n"'=1+2,3"\r\n`);
	});

	it('writes empty cells for null, undefined and NaN', () => {
		expect(toCsv(['a', 'b', 'c'], [[null, undefined, Number.NaN]])).toBe('a,b,c\r\n,,\r\n');
	});
});
