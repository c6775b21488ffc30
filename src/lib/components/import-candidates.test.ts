import { describe, expect, it } from 'vitest';
import { defaultDatasetName } from './import-candidates';

describe('defaultDatasetName', () => {
	it('drops the extension of a named file', () => {
		expect(defaultDatasetName('ratings.csv')).toBe('ratings');
		expect(defaultDatasetName('ml-latest-small.zip')).toBe('ml-latest-small');
	});

	it('keeps short stems whole', () => {
		expect(defaultDatasetName('u.data')).toBe('u.data');
		expect(defaultDatasetName('u1.base')).toBe('u1.base');
	});
});
