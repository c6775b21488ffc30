/**
 * Colours for the cluster map: one colour per point, packed for fast canvas
 * drawing, with the legend that explains them. Categorical colourings (cluster,
 * genre) use a fixed palette. Continuous ones (mean rating, activity) use the
 * viridis scale, which stays readable in greyscale and for common colour-vision
 * deficiencies.
 */
import * as d3 from 'd3';

/** Twenty distinguishable colours: Tableau 10, then the lighter half of d3's paired scheme. */
export const CATEGORY_PALETTE: readonly string[] = [...d3.schemeTableau10, '#a6cee3', '#b2df8a', '#fb9a99', '#fdbf6f', '#cab2d6', '#ffff99', '#8dd3c7', '#bebada', '#80b1d3', '#fccde5'];
/** Colour of points without a value (no genre, no rating). */
export const MISSING_COLOR = '#c8ccd1';
/** Colour that genres beyond the palette share, labelled "other". */
export const OTHER_COLOR = '#8c959f';

export interface CategoricalLegend {
	kind: 'categorical';
	title: string;
	entries: { label: string; color: string; count: number }[];
}

export interface SequentialLegend {
	kind: 'sequential';
	title: string;
	min: number;
	max: number;
	/** Colour at a position from 0 (min) to 1 (max). */
	interpolate: (t: number) => string;
	/** Points without a value, drawn in {@link MISSING_COLOR}. */
	missing: number;
	/** True when the scale is logarithmic (counts spanning several orders of magnitude). */
	log: boolean;
}

export type Legend = CategoricalLegend | SequentialLegend;

export interface PointColors {
	/** Colour per point as 0xAABBGGRR, the byte order of ImageData on little-endian machines. */
	packed: Uint32Array;
	legend: Legend;
}

/** Packs a CSS colour into 0xAABBGGRR (opaque). */
export function packColor(css: string): number {
	const color = d3.rgb(css);
	return ((255 << 24) | (Math.round(color.b) << 16) | (Math.round(color.g) << 8) | Math.round(color.r)) >>> 0;
}

/** Unpacks 0xAABBGGRR into a CSS hex colour, for SVG fills. */
export function unpackColor(packed: number): string {
	const red = packed & 255;
	const green = (packed >>> 8) & 255;
	const blue = (packed >>> 16) & 255;
	return `#${((1 << 24) | (red << 16) | (green << 8) | blue).toString(16).slice(1)}`;
}

export function categoryColor(index: number): string {
	return CATEGORY_PALETTE[index % CATEGORY_PALETTE.length];
}

/**
 * Colours points by category index (-1 for none). Categories beyond the
 * palette's twenty share the "other" colour, so no two legend entries repeat a colour.
 */
export function categoricalColors(categories: Int32Array, labels: string[], title: string): PointColors {
	const counts = new Array<number>(labels.length).fill(0);
	let missing = 0;
	for (const category of categories) {
		if (category >= 0 && category < labels.length) counts[category]++;
		else missing++;
	}

	const coloured = Math.min(labels.length, CATEGORY_PALETTE.length);
	const overflow = labels.length > CATEGORY_PALETTE.length;
	const packedByCategory = labels.map((_, index) => packColor(index < coloured - (overflow ? 1 : 0) ? categoryColor(index) : OTHER_COLOR));
	const packedMissing = packColor(MISSING_COLOR);
	const packed = new Uint32Array(categories.length);
	for (let index = 0; index < categories.length; index++) {
		const category = categories[index];
		packed[index] = category >= 0 && category < labels.length ? packedByCategory[category] : packedMissing;
	}

	const entries = labels.slice(0, overflow ? coloured - 1 : coloured).map((label, index) => ({ label, color: categoryColor(index), count: counts[index] }));
	if (overflow) entries.push({ label: `other (${labels.length - coloured + 1})`, color: OTHER_COLOR, count: d3.sum(counts.slice(coloured - 1)) });
	if (missing > 0) entries.push({ label: 'none', color: MISSING_COLOR, count: missing });
	return { packed, legend: { kind: 'categorical', title, entries } };
}

/** Colours points on viridis by value (NaN for none); `log` spreads counts that span orders of magnitude. */
export function sequentialColors(values: Float32Array, title: string, log = false): PointColors {
	let min = Infinity;
	let max = -Infinity;
	let missing = 0;
	for (const value of values) {
		if (!Number.isFinite(value) || (log && value <= 0)) {
			missing++;
			continue;
		}
		if (value < min) min = value;
		if (value > max) max = value;
	}
	if (min > max) {
		min = 0;
		max = 1;
	}

	const scale = (log ? d3.scaleLog() : d3.scaleLinear()).domain([min, max === min ? min + 1 : max]).range([0, 1]).clamp(true);
	// 256 precomputed colours keep 100,000 points to one table look-up each.
	const table = Uint32Array.from({ length: 256 }, (_, step) => packColor(d3.interpolateViridis(step / 255)));
	const packedMissing = packColor(MISSING_COLOR);
	const packed = new Uint32Array(values.length);
	for (let index = 0; index < values.length; index++) {
		const value = values[index];
		packed[index] = Number.isFinite(value) && !(log && value <= 0) ? table[Math.round(scale(value) * 255)] : packedMissing;
	}
	return { packed, legend: { kind: 'sequential', title, min, max, interpolate: d3.interpolateViridis, missing, log } };
}
