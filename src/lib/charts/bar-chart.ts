/**
 * A vertical bar chart of labelled counts, drawn with d3 into an <svg>: the
 * rating distribution, user activity and mean-rating histograms. Hovering a
 * column shows its label and count.
 */
import * as d3 from 'd3';
import { CHART_COLOR, countTicks, createFrame, createTooltip, drawGrid, formatCount, labelAxes, type ChartSize } from './frame';

export interface Bar {
	label: string;
	count: number;
}

export interface BarChartOptions extends ChartSize {
	title: string;
	xLabel: string;
	yLabel: string;
	/** Unit shown in the tooltip after the count, such as "ratings" or "users". */
	unit: string;
}

const MARGIN = { top: 32, right: 16, bottom: 52, left: 64 };
/** Above this many bars only every n-th x label is drawn, so labels do not overlap. */
const MAX_X_LABELS = 16;
/** Estimated width of one character of a 10px axis label, in viewBox units. */
const LABEL_CHAR_WIDTH = 6;

export function renderBarChart(element: SVGSVGElement, bars: Bar[], options: BarChartOptions): void {
	const { width, height, title, xLabel, yLabel, unit } = options;
	const labelEvery = Math.ceil(bars.length / MAX_X_LABELS);
	const longestLabel = Math.max(0, ...bars.map((bar) => bar.label.length));
	// Labels wider than their slot are turned by 40°, and the margin below grows to fit them.
	const slotWidth = ((width - MARGIN.left - MARGIN.right) / Math.max(1, bars.length)) * labelEvery;
	const rotate = longestLabel * LABEL_CHAR_WIDTH > slotWidth;
	const margin = rotate ? { ...MARGIN, bottom: MARGIN.bottom + Math.round(longestLabel * LABEL_CHAR_WIDTH * 0.64) - 8 } : MARGIN;
	const frame = createFrame(element, title, options, margin);

	const x = d3
		.scaleBand<string>()
		.domain(bars.map((bar) => bar.label))
		.range([frame.left, frame.right])
		.padding(0.15);
	const maxCount = d3.max(bars, (bar) => bar.count) ?? 0;
	const y = d3
		.scaleLinear()
		.domain([0, Math.max(1, maxCount)])
		.nice()
		.range([frame.bottom, frame.top]);

	const yTicks = countTicks(y, 5);
	drawGrid(frame, y, yTicks.values);
	const xAxis = d3
		.axisBottom(x)
		.tickValues(bars.filter((_, index) => index % labelEvery === 0).map((bar) => bar.label))
		.tickSizeOuter(0);
	const xAxisGroup = frame.svg.append('g').attr('transform', `translate(0,${frame.bottom})`).call(xAxis);
	if (rotate) xAxisGroup.selectAll('text').attr('text-anchor', 'end').attr('dx', '-0.5em').attr('dy', '0.3em').attr('transform', 'rotate(-40)');
	frame.svg
		.append('g')
		.attr('transform', `translate(${frame.left},0)`)
		.call(d3.axisLeft(y).tickValues(yTicks.values).tickFormat(yTicks.format));
	labelAxes(frame, xLabel, yLabel, height);

	frame.svg
		.append('g')
		.selectAll('rect')
		.data(bars)
		.join('rect')
		.attr('class', 'bar')
		.attr('x', (bar) => x(bar.label) ?? 0)
		.attr('width', x.bandwidth())
		.attr('y', (bar) => y(bar.count))
		.attr('height', (bar) => frame.bottom - y(bar.count))
		.attr('fill', CHART_COLOR);

	// Full-height hit areas, so short and empty bars can be hovered too.
	const tooltip = createTooltip(frame, { width, height });
	const describe = (bar: Bar) => `${bar.label}: ${formatCount(bar.count)} ${unit}`;
	frame.svg
		.append('g')
		.selectAll('rect')
		.data(bars)
		.join('rect')
		.attr('class', 'hit')
		.attr('x', (bar) => (x(bar.label) ?? 0) - (x.step() * x.paddingInner()) / 2)
		.attr('width', x.step())
		.attr('y', frame.top)
		.attr('height', frame.bottom - frame.top)
		.attr('fill', 'transparent')
		.on('pointerenter', function (_event, bar) {
			d3.select(this).attr('fill', 'rgba(31, 78, 121, 0.08)');
			tooltip.show((x(bar.label) ?? 0) + x.bandwidth() / 2, y(bar.count), describe(bar));
		})
		.on('pointerleave', function () {
			d3.select(this).attr('fill', 'transparent');
			tooltip.hide();
		})
		.append('title')
		.text(describe);
	// The tooltip group must stay above the hit areas.
	frame.svg.select('g.chart-tooltip').raise();
}
