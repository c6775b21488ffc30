/**
 * Horizontal bars of lift for one cluster's genres and tags, with a dashed
 * line at lift 1 (as common in the cluster as overall). Labels come from
 * datasets, so they are set as text and never parsed as markup.
 */
import * as d3 from 'd3';
import { CHART_COLOR, createFrame, createTooltip, labelAxes } from './frame';

export interface LiftBar {
	feature: string;
	lift: number;
	/** Share of the cluster's members with the feature, 0 … 1. */
	share: number;
	/** Share of all points with the feature, 0 … 1. */
	overallShare: number;
}

export interface LiftBarsOptions {
	width: number;
	title: string;
	color?: string;
}

const MARGIN = { top: 32, right: 24, bottom: 48, left: 150 };
const ROW_HEIGHT = 20;
const MAX_LABEL_CHARS = 22;

export function renderLiftBars(element: SVGSVGElement, bars: LiftBar[], options: LiftBarsOptions): void {
	const { width, title } = options;
	const height = MARGIN.top + MARGIN.bottom + Math.max(1, bars.length) * ROW_HEIGHT;
	const frame = createFrame(element, title, { width, height }, MARGIN);

	const y = d3
		.scaleBand<number>()
		.domain(bars.map((_, index) => index))
		.range([frame.top, frame.bottom])
		.padding(0.2);
	const x = d3
		.scaleLinear()
		.domain([0, Math.max(1.2, d3.max(bars, (bar) => bar.lift) ?? 1)])
		.nice()
		.range([frame.left, frame.right]);

	frame.svg.append('g').attr('transform', `translate(0,${frame.bottom})`).call(d3.axisBottom(x).ticks(6).tickFormat(d3.format('.1f')));
	frame.svg
		.append('g')
		.attr('transform', `translate(${frame.left},0)`)
		.call(
			d3
				.axisLeft(y)
				.tickSizeOuter(0)
				.tickFormat((index) => {
					const label = bars[index].feature;
					return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
				})
		);
	labelAxes(frame, 'lift (share in cluster ÷ share overall)', '', height);

	const tooltip = createTooltip(frame, { width, height });
	const describe = (bar: LiftBar) => `${bar.feature}: lift ${bar.lift.toFixed(2)} (${(100 * bar.share).toFixed(1)}% of the cluster, ${(100 * bar.overallShare).toFixed(1)}% overall)`;
	frame.svg
		.append('g')
		.selectAll('rect')
		.data(bars)
		.join('rect')
		.attr('class', 'bar')
		.attr('x', frame.left)
		.attr('y', (_, index) => y(index) ?? 0)
		.attr('height', y.bandwidth())
		.attr('width', (bar) => Math.max(0, x(bar.lift) - frame.left))
		.attr('fill', options.color ?? CHART_COLOR)
		.on('pointerenter', (_event, bar) => tooltip.show(x(bar.lift), (y(bars.indexOf(bar)) ?? 0) + y.bandwidth() / 2 + 11, describe(bar)))
		.on('pointerleave', () => tooltip.hide())
		.append('title')
		.text(describe);

	frame.svg
		.append('line')
		.attr('class', 'baseline')
		.attr('x1', x(1))
		.attr('x2', x(1))
		.attr('y1', frame.top - 4)
		.attr('y2', frame.bottom)
		.attr('stroke', '#d1242f')
		.attr('stroke-dasharray', '4 3');
	frame.svg.append('text').attr('x', x(1) + 4).attr('y', frame.top - 6).attr('font-size', 10).attr('fill', '#d1242f').text('as common as overall');
	frame.svg.select('g.chart-tooltip').raise();
}
