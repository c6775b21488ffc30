import { describe, expect, it } from 'vitest';
import type { HyperParameter } from './contract';
import { CONFIG_ERROR, changedSettings, hyperParameterProblem, resolveConfig } from './config';

const halfLife: HyperParameter = { key: 'recencyHalfLife', label: 'Recency half-life', description: '', type: 'float', default: 0, min: 0, max: 100 };
const epochs: HyperParameter = { key: 'epochs', label: 'Epochs', description: '', type: 'int', default: 10, min: 1, max: 50 };
const values: HyperParameter = { key: 'values', label: 'Values', description: '', type: 'choice', default: 'binary', choices: ['binary', 'values'] };
const lambda: HyperParameter = { key: 'lambda', label: 'λ', description: '', type: 'float', default: 500, min: 1 };

describe('hyperParameterProblem', () => {
	it('accepts valid values', () => {
		expect(hyperParameterProblem(halfLife, 2.5)).toBeNull();
		expect(hyperParameterProblem(epochs, 50)).toBeNull();
		expect(hyperParameterProblem(values, 'values')).toBeNull();
	});

	it('names each problem', () => {
		expect(hyperParameterProblem(halfLife, -1)).toBe('-1: expected a value from 0 to 100');
		expect(hyperParameterProblem(halfLife, Number.NaN)).toBe('missing: expected a number');
		expect(hyperParameterProblem(halfLife, Infinity)).toBe('Infinity: expected a number');
		expect(hyperParameterProblem(epochs, 2.5)).toBe('2.5: expected an integer');
		expect(hyperParameterProblem(values, 'dense')).toBe("'dense': expected one of binary, values");
		expect(hyperParameterProblem(lambda, 0.5)).toBe('0.5: expected a value of at least 1');
	});

	it('gives resolveConfig the label too', () => {
		expect(() => resolveConfig('ease', [halfLife], { recencyHalfLife: -1 })).toThrow(
			'invalid recencyHalfLife -1: expected a value from 0 to 100 (the setting "Recency half-life")'
		);
		expect(() => resolveConfig('ease', [halfLife], { recencyHalfLife: -1 })).toThrow(expect.objectContaining({ name: CONFIG_ERROR }));
		expect(() => resolveConfig('ease', [halfLife], { halfLife: 1 })).toThrow(expect.objectContaining({ name: CONFIG_ERROR }));
	});
});

describe('changedSettings', () => {
	it('lists only settings that differ from defaults', () => {
		expect(changedSettings([halfLife, epochs, values], { recencyHalfLife: 0, epochs: 10, values: 'binary' })).toBe('');
		expect(changedSettings([halfLife, epochs, values], { recencyHalfLife: 5, epochs: 10, values: 'values' })).toBe('recencyHalfLife 5, values values');
	});

	it('shortens long lists', () => {
		const config = { recencyHalfLife: 5, epochs: 20, values: 'values', lambda: 100 };
		expect(changedSettings([halfLife, epochs, values, lambda], config)).toBe('recencyHalfLife 5, epochs 20, values values, …');
	});
});
