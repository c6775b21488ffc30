/**
 * Turns an explanation into the rows its small chart draws: signed bars with
 * labels (latent dimensions, neighbours, content features, EASE weights, GMF
 * and MLP paths) or, for a hybrid, the segments of one stacked bar. No DOM, so
 * it is unit-tested under Node.
 */
import type { Explanation } from '../models/contract';

export interface ExplanationBar {
	label: string;
	/** Colour slot of a stack segment, so a model keeps its colour from one chart to the next; 0 is the constant. */
	colorSlot?: number;
	value: number;
	/** Tooltip text: what the bar is and where its value comes from. */
	detail: string;
}

export interface ExplanationChartData {
	/** 'bars': one bar per row, signed. 'stack': the rows are segments of one bar that sums to the score. */
	shape: 'bars' | 'stack';
	title: string;
	rows: ExplanationBar[];
}

/** Extra names the page has for an explanation: item or user names by index, and top items per latent dimension. */
export interface ExplanationNames {
	labels?: Record<number, string>;
	/** Titles of the items that load highest on each dimension, by dimension. */
	dimensionItems?: Record<number, string[]>;
}

const maxBars = 4;

const format = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2));

/** Chart rows for `explanation`, or null when the kind has nothing to draw (random, popularity, baseline). */
export function explanationChartData(explanation: Explanation, names: ExplanationNames = {}): ExplanationChartData | null {
	const name = (index: number) => names.labels?.[index] ?? `#${index}`;
	switch (explanation.kind) {
		case 'latent-factors':
			return {
				shape: 'bars',
				title: 'Taste dimensions',
				rows: explanation.dimensions.slice(0, maxBars).map(({ dimension, contribution }) => {
					const items = names.dimensionItems?.[dimension];
					return {
						label: items?.length ? `${items[0]}…` : `dimension ${dimension + 1}`,
						value: contribution,
						detail: `Dimension ${dimension + 1}: ${format(contribution)}${items?.length ? `. Strongest in ${items.join(', ')}` : ''}`
					};
				})
			};
		case 'neighbours':
			if (explanation.neighbours.length === 0) return null;
			return {
				shape: 'bars',
				title: explanation.mode === 'items' ? 'Similar items you rated' : 'Similar users',
				rows: explanation.neighbours.slice(0, maxBars).map((neighbour) => ({
					label: name(neighbour.index),
					value: neighbour.similarity,
					detail: `${name(neighbour.index)}: similarity ${format(neighbour.similarity)}`
				}))
			};
		case 'content':
			if (explanation.features.length === 0) return null;
			return {
				shape: 'bars',
				title: 'Matching features',
				rows: explanation.features.slice(0, maxBars).map((feature) => ({
					label: readableFeature(feature.feature),
					value: feature.weight,
					detail: `${feature.feature}: ${format(feature.weight)} of the match score`
				}))
			};
		case 'item-similarity':
			if (explanation.contributions.length === 0) return null;
			return {
				shape: 'bars',
				title: 'Items that point to it',
				rows: explanation.contributions.slice(0, maxBars).map((contribution) => ({
					label: name(contribution.index),
					value: contribution.weight,
					detail: `${name(contribution.index)}: ${format(contribution.weight)} of the score`
				}))
			};
		case 'neural':
			return {
				shape: 'bars',
				title: 'Network paths',
				rows: [
					{ label: 'GMF (matching)', value: explanation.gmfShare, detail: `GMF path: ${format(explanation.gmfShare)}` },
					{ label: 'MLP (patterns)', value: explanation.mlpShare, detail: `MLP path: ${format(explanation.mlpShare)}` }
				]
			};
		case 'hybrid':
			return {
				shape: 'stack',
				title: explanation.switchedTo ? `Fallback: ${explanation.switchedTo}` : 'Share of each model',
				rows: [
					// A constant that rounds to 0.00 (a blend whose score needed no clipping) would only add an empty legend entry.
					...(Math.abs(explanation.intercept) < 0.005
						? []
						: [{ label: 'base', value: explanation.intercept, detail: `Constant: ${format(explanation.intercept)}`, colorSlot: 0 }]),
					...explanation.components.map((component, index) => ({
						label: component.model,
						colorSlot: index + 1,
						value: component.contribution,
						detail: `${component.model}: weight ${format(component.weight)} × score ${format(component.score)} = ${format(component.contribution)}`
					}))
				]
			};
		default:
			return null;
	}
}

/** 'genre:sci-fi' → 'sci-fi (genre)'; words keep their source in brackets. */
export function readableFeature(feature: string): string {
	const separator = feature.indexOf(':');
	if (separator < 0) return feature;
	const source = feature.slice(0, separator);
	const value = feature.slice(separator + 1);
	const sourceName = source === 'text' ? 'description' : source;
	return `${value} (${sourceName})`;
}
