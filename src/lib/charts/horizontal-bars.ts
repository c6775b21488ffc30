/**
 * A horizontal bar chart of labelled values (genre and tag frequencies),
 * drawn with d3 into an <svg>. The height grows with the number of rows.
 * Labels come from datasets, so they are set as text and never parsed as markup.
 */
import * as d3 from 'd3';
import { CHART_COLOR, countTicks, createFrame, createTooltip, formatCount, labelAxes } from './frame';

export interface LabelledValue {
	label: string;
	value: number;
	/** Extra text for the tooltip, such as the other measure. */
	detail?: string;
}

export interface HorizontalBarsOptions {
	width: number;
	title: string;
	xLabel: string;
}

const MARGIN = { top: 32, right: 24, bottom: 48, left: 150 };
const ROW_HEIGHT = 20;
/** Longer labels are cut with an ellipsis; the tooltip shows them whole. */
const MAX_LABEL_CHARS = 22;

/** Height in viewBox units for `rows` bars; the caller sizes the <svg> with it. */
export function horizontalBarsHeight(rows: number): number {
	return MARGIN.top + MARGIN.bottom + Math.max(1, rows) * ROW_HEIGHT;
}

function shorten(label: string): string {
	return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

export function renderHorizontalBars(element: SVGSVGElement, rows: LabelledValue[], options: HorizontalBarsOptions): void {
	const { width, title, xLabel } = options;
	const height = horizontalBarsHeight(rows.length);
	const frame = createFrame(element, title, { width, height }, MARGIN);

	// Labels can repeat after shortening, so the band scale is keyed by row index.
	const y = d3
		.scaleBand<number>()
		.domain(rows.map((_, index) => index))
		.range([frame.top, frame.bottom])
		.padding(0.2);
	const x = d3
		.scaleLinear()
		.domain([0, Math.max(1, d3.max(rows, (row) => row.value) ?? 1)])
		.nice()
		.range([frame.left, frame.right]);

	const xTicks = countTicks(x, 6);
	frame.svg
		.append('g')
		.attr('transform', `translate(0,${frame.bottom})`)
		.call(d3.axisBottom(x).tickValues(xTicks.values).tickFormat(xTicks.format));
	frame.svg
		.append('g')
		.attr('transform', `translate(${frame.left},0)`)
		.call(
			d3
				.axisLeft(y)
				.tickSizeOuter(0)
				.tickFormat((index) => shorten(rows[index].label))
		);
	labelAxes(frame, xLabel, '', height);

	const tooltip = createTooltip(frame, { width, height });
	const describe = (row: LabelledValue) => `${row.label}: ${formatCount(row.value)}${row.detail ? ` (${row.detail})` : ''}`;
	frame.svg
		.append('g')
		.selectAll('rect')
		.data(rows)
		.join('rect')
		.attr('class', 'bar')
		.attr('x', frame.left)
		.attr('y', (_, index) => y(index) ?? 0)
		.attr('height', y.bandwidth())
		.attr('width', (row) => x(row.value) - frame.left)
		.attr('fill', CHART_COLOR);

	frame.svg
		.append('g')
		.selectAll('rect')
		.data(rows)
		.join('rect')
		.attr('class', 'hit')
		.attr('x', frame.left)
		.attr('y', (_, index) => y(index) ?? 0)
		.attr('height', y.bandwidth())
		.attr('width', frame.right - frame.left)
		.attr('fill', 'transparent')
		.on('pointerenter', function (_event, row) {
			d3.select(this).attr('fill', 'rgba(31, 78, 121, 0.08)');
			const index = rows.indexOf(row);
			tooltip.show(x(row.value), (y(index) ?? 0) + y.bandwidth() / 2 + 11, describe(row));
		})
		.on('pointerleave', function () {
			d3.select(this).attr('fill', 'transparent');
			tooltip.hide();
		})
		.append('title')
		.text(describe);
	frame.svg.select('g.chart-tooltip').raise();
}
