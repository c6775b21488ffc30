import { describe, expect, it } from 'vitest';
import { parseModelSettings } from './model-settings';

const models = [
	{ id: 'ease', hyperParameters: [{ key: 'lambda', label: 'λ', description: '', type: 'float' as const, default: 500, min: 1 }] },
	{ id: 'popularity', hyperParameters: [] }
];

describe('parseModelSettings', () => {
	it('reads settings per model and treats blank text as none', () => {
		expect(parseModelSettings('  ', models)).toEqual({});
		expect(parseModelSettings('{"ease": {"lambda": 100}}', models)).toEqual({ ease: { lambda: 100 } });
	});

	it('names what is wrong', () => {
		expect(() => parseModelSettings('{"ease": ', models)).toThrow(/^Settings are not valid JSON \(.+\)\. Write them as \{"ease": \{"lambda": 500\}\}\.$/);
		expect(() => parseModelSettings('[1]', models)).toThrow('Settings must be a JSON object keyed by model id');
		expect(() => parseModelSettings('{"eas": {}}', models)).toThrow('Settings name the model "eas", which does not exist. Models: ease, popularity.');
		expect(() => parseModelSettings('{"ease": 5}', models)).toThrow('Settings for ease must be an object of hyperparameters.');
		expect(() => parseModelSettings('{"ease": {"lamda": 5}}', models)).toThrow('ease has no hyperparameter "lamda". Its hyperparameters: lambda.');
		expect(() => parseModelSettings('{"ease": {"lambda": [5]}}', models)).toThrow('ease.lambda must be a number or a string, not [5].');
		expect(() => parseModelSettings('{"ease": {"lambda": -5}}', models)).toThrow('ease.lambda has an invalid value -5: expected a value of at least 1.');
	});
});
