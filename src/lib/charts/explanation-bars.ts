/**
 * The small chart beside each recommendation (about 220 × 90): signed bars
 * with labels, or one stacked bar of a hybrid's parts. Labels come from
 * datasets, so they are set with d3's .text() and never parsed as markup.
 */
import * as d3 from 'd3';
import { FONT_FAMILY } from './frame';
import type { ExplanationChartData } from './explanation-rows';

export const EXPLANATION_CHART_SIZE = { width: 220, height: 90 };

const POSITIVE = '#1f4e79';
const NEGATIVE = '#b35c1e';
/** Segment colours of a hybrid's stacked bar: the constant first, then one per component. */
const SEGMENT_COLORS = ['#8c959f', '#1f4e79', '#4a8c3f', '#b35c1e', '#7a4a9c', '#2f8f9d', '#c4a000', '#a8326e', '#5b6ee1', '#6b4f2a'];
const LABEL_WIDTH = 104;
const MAX_LABEL_CHARS = 15;

function shorten(label: string): string {
	return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

/** Vertical layout of a stacked bar and its two-column legend. */
const STACK = { barTop: 20, barHeight: 22, legendGap: 14, legendRow: 13 };

/** Returns the chart's height in pixels: the standard height, or more when a stack's legend needs the room. */
export function explanationChartHeight(data: ExplanationChartData): number {
	if (data.shape !== 'stack') return EXPLANATION_CHART_SIZE.height;
	const legendRows = Math.ceil(data.rows.length / 2);
	return Math.max(EXPLANATION_CHART_SIZE.height, STACK.barTop + STACK.barHeight + STACK.legendGap + (legendRows - 1) * STACK.legendRow + 6);
}

/** Draws `data` into `element`, replacing what was there. */
export function renderExplanationChart(element: SVGSVGElement, data: ExplanationChartData): void {
	const { width } = EXPLANATION_CHART_SIZE;
	const height = explanationChartHeight(data);
	const svg = d3
		.select(element)
		.attr('viewBox', `0 0 ${width} ${height}`)
		.attr('width', width)
		.attr('height', height)
		.attr('role', 'img')
		.attr('aria-label', data.title)
		.attr('font-family', FONT_FAMILY);
	svg.selectAll('*').remove();
	svg.append('title').text(data.title);
	svg.append('text').attr('x', 0).attr('y', 11).attr('font-size', 11).attr('font-weight', 600).attr('fill', '#1b1f24').text(data.title);
	if (data.shape === 'stack') drawStack(svg, data, width);
	else drawBars(svg, data, width, height);
}

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

function drawBars(svg: Svg, data: ExplanationChartData, width: number, height: number): void {
	const top = 18;
	const rows = data.rows;
	const y = d3
		.scaleBand<number>()
		.domain(rows.map((_, index) => index))
		.range([top, height - 2])
		.padding(0.2);
	const extent = Math.max(1e-9, d3.max(rows, (row) => Math.abs(row.value)) ?? 1);
	const hasNegative = rows.some((row) => row.value < 0);
	const x = d3
		.scaleLinear()
		.domain(hasNegative ? [-extent, extent] : [0, extent])
		.range([LABEL_WIDTH + 4, width - 30]);

	const group = svg.append('g');
	const row = group
		.selectAll('g')
		.data(rows)
		.join('g')
		.attr('class', 'explanation-row');
	row
		.append('text')
		.attr('x', LABEL_WIDTH)
		.attr('y', (_, index) => (y(index) ?? 0) + y.bandwidth() / 2 + 4)
		.attr('text-anchor', 'end')
		.attr('font-size', 10)
		.attr('fill', '#1b1f24')
		.text((entry) => shorten(entry.label));
	row
		.append('rect')
		.attr('class', 'bar')
		.attr('x', (entry) => Math.min(x(0), x(entry.value)))
		.attr('y', (_, index) => y(index) ?? 0)
		.attr('height', y.bandwidth())
		.attr('width', (entry) => Math.max(1, Math.abs(x(entry.value) - x(0))))
		.attr('fill', (entry) => (entry.value < 0 ? NEGATIVE : POSITIVE))
		.append('title')
		.text((entry) => entry.detail);
	row
		.append('text')
		.attr('x', (entry) => Math.max(x(0), x(entry.value)) + 3)
		.attr('y', (_, index) => (y(index) ?? 0) + y.bandwidth() / 2 + 4)
		.attr('font-size', 9)
		.attr('fill', '#57606a')
		.text((entry) => entry.value.toFixed(2));
	if (hasNegative) {
		group.append('line').attr('x1', x(0)).attr('x2', x(0)).attr('y1', top).attr('y2', height - 2).attr('stroke', '#8c959f');
	}
}

/**
 * Draws one horizontal bar: positive parts stack rightwards from 0 and negative
 * parts leftwards, so the bar's right end minus its left overhang is the score.
 * A legend below names each segment.
 */
function drawStack(svg: Svg, data: ExplanationChartData, width: number): void {
	const rows = data.rows;
	const positiveTotal = d3.sum(rows, (row) => Math.max(0, row.value));
	const negativeTotal = d3.sum(rows, (row) => Math.min(0, row.value));
	const x = d3
		.scaleLinear()
		.domain([Math.min(0, negativeTotal), Math.max(1e-9, positiveTotal)])
		.range([2, width - 2]);
	const { barTop, barHeight, legendGap, legendRow } = STACK;

	let positiveCursor = 0;
	let negativeCursor = 0;
	const segments = rows.map((row, index) => {
		const start = row.value >= 0 ? positiveCursor : negativeCursor + row.value;
		if (row.value >= 0) positiveCursor += row.value;
		else negativeCursor += row.value;
		return { ...row, start, end: start + Math.abs(row.value), color: SEGMENT_COLORS[(row.colorSlot ?? index) % SEGMENT_COLORS.length] };
	});

	svg
		.append('g')
		.selectAll('rect')
		.data(segments)
		.join('rect')
		.attr('class', 'bar')
		.attr('x', (segment) => x(segment.start))
		.attr('y', barTop)
		.attr('height', barHeight)
		.attr('width', (segment) => Math.max(1, x(segment.end) - x(segment.start)))
		.attr('fill', (segment) => segment.color)
		.attr('fill-opacity', (segment) => (segment.value < 0 ? 0.45 : 1))
		.append('title')
		.text((segment) => segment.detail);
	svg.append('line').attr('x1', x(0)).attr('x2', x(0)).attr('y1', barTop - 3).attr('y2', barTop + barHeight + 3).attr('stroke', '#1b1f24');

	// Legend: two columns of swatch, name and value.
	const legend = svg
		.append('g')
		.selectAll('g')
		.data(segments)
		.join('g')
		.attr('transform', (_, index) => `translate(${(index % 2) * (width / 2)},${barTop + barHeight + legendGap + Math.floor(index / 2) * legendRow})`);
	legend.append('rect').attr('width', 8).attr('height', 8).attr('y', -7).attr('fill', (segment) => segment.color);
	legend
		.append('text')
		.attr('x', 11)
		.attr('font-size', 9)
		.attr('fill', '#1b1f24')
		.text((segment) => `${shorten(segment.label)} ${segment.value >= 0 ? '+' : '−'}${Math.abs(segment.value).toFixed(2)}`);
}
