import { describe, expect, it } from 'vitest';
import { assertTextSample, decodeSample, detectEncoding } from './decode';
import { IngestError } from './errors';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

describe('detectEncoding', () => {
	it.each([
		['UTF-8 byte-order mark', bytes(0xef, 0xbb, 0xbf, 0x61), 'utf-8'],
		['UTF-16 LE byte-order mark', bytes(0xff, 0xfe, 0x61, 0x00), 'utf-16le'],
		['UTF-16 BE byte-order mark', bytes(0xfe, 0xff, 0x00, 0x61), 'utf-16be'],
		['plain ASCII', ascii('1,2,3\n'), 'utf-8'],
		['UTF-8 accent', new Uint8Array(Buffer.from('1,Café\n', 'utf-8')), 'utf-8'],
		['latin-1 accent', ascii('1,Caf\xe9\n'), 'latin1'],
		['unmarked UTF-16 LE', new Uint8Array(Buffer.from('user,item\n1,2\n', 'utf16le')), 'utf-16le']
	] as const)('detects %s', (_, sample, expected) => {
		expect(detectEncoding(sample)).toBe(expected);
	});

	it('keeps UTF-8 when the sample ends inside a character', () => {
		const cut = new Uint8Array(Buffer.from('1,Café', 'utf-8')).subarray(0, 6);
		expect(detectEncoding(cut)).toBe('utf-8');
	});

	it('finds latin-1 bytes in a probe past the sample', () => {
		expect(detectEncoding(ascii('1|Plain\n'), [ascii('2|Caf\xe9\n')])).toBe('latin1');
	});

	it('ignores a probe starting inside a character', () => {
		const probe = new Uint8Array(Buffer.from('é,1\n', 'utf-8')).subarray(1);
		expect(detectEncoding(ascii('1,2\n'), [probe])).toBe('utf-8');
	});
});

describe('decodeSample', () => {
	it('decodes 0x80 to 0x9F as Windows-1252', () => {
		expect(decodeSample(ascii('\x80 \x93quoted\x94'), 'latin1')).toBe('€ “quoted”');
	});

	it('drops the UTF-8 byte-order mark', () => {
		expect(decodeSample(bytes(0xef, 0xbb, 0xbf, 0x61), 'utf-8')).toBe('a');
	});
});

describe('assertTextSample', () => {
	const messageOf = (sample: Uint8Array, totalBytes = sample.length): string => {
		try {
			assertTextSample(sample, 'ratings.csv', detectEncoding(sample), totalBytes);
		} catch (error) {
			expect(error).toBeInstanceOf(IngestError);
			return (error as IngestError).message;
		}
		return 'accepted';
	};

	it('rejects an empty file', () => {
		expect(messageOf(bytes())).toBe('ratings.csv is empty: choose a file with one interaction per line.');
	});

	it('rejects NUL bytes', () => {
		expect(messageOf(bytes(0x31, 0x00, 0x02, 0x03, 0x2c, 0x32, 0x0a))).toBe(
			'ratings.csv does not look like a text file (it contains binary bytes): ' +
				'choose a CSV, TSV or .dat file with one interaction per line.'
		);
	});

	it('rejects a zip archive', () => {
		expect(messageOf(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))).toBe(
			'ratings.csv is a zip archive, not a text file: extract it and choose the data file inside.'
		);
	});

	it('accepts UTF-16 text with its zero bytes', () => {
		expect(messageOf(new Uint8Array(Buffer.from('\ufeffa,b\n', 'utf16le')))).toBe('accepted');
	});
});
