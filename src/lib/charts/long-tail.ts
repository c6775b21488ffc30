/**
 * The long-tail chart: interactions per item against the item's popularity
 * rank, with a log y scale (and optionally a log x scale), drawn with d3 into
 * an <svg>. Hovering reads off the nearest sampled rank.
 */
import * as d3 from 'd3';
import { CHART_COLOR, CHART_FILL, countTicks, createFrame, createTooltip, drawGrid, formatCount, labelAxes, type ChartSize } from './frame';

export interface RankPoint {
	rank: number;
	count: number;
}

export interface LongTailOptions extends ChartSize {
	title: string;
	/** Log scale on the rank axis, which spreads out the head. */
	logX: boolean;
	/** Vertical rules at given ranks, such as the end of the top 20% of items. */
	markers?: { rank: number; label: string }[];
}

const MARGIN = { top: 32, right: 20, bottom: 52, left: 64 };

export function renderLongTail(element: SVGSVGElement, points: RankPoint[], options: LongTailOptions): void {
	const { width, height, title, logX, markers = [] } = options;
	const frame = createFrame(element, title, options, MARGIN);
	// A log scale has no place for 0, so items without interactions are left off the curve.
	const positive = points.filter((point) => point.count > 0);
	const lastRank = Math.max(2, d3.max(positive, (point) => point.rank) ?? 2);

	const x = (logX ? d3.scaleLog() : d3.scaleLinear()).domain([1, lastRank]).range([frame.left, frame.right]);
	const maxCount = Math.max(10, d3.max(positive, (point) => point.count) ?? 10);
	const y = d3
		.scaleLog()
		.domain([1, maxCount])
		.nice()
		.range([frame.bottom, frame.top]);

	drawGrid(frame, y, y.ticks(5).filter((tick) => Number.isInteger(Math.log10(tick))));
	// Ranks read as 500 or 2,500 rather than 0.5k; a log axis labels its powers of ten.
	const rankAxis = d3.axisBottom(x);
	if (logX) rankAxis.ticks(6, '~s');
	else rankAxis.tickValues(countTicks(x, 8).values).tickFormat(countTicks(x, 8).format);
	frame.svg.append('g').attr('transform', `translate(0,${frame.bottom})`).call(rankAxis);
	frame.svg
		.append('g')
		.attr('transform', `translate(${frame.left},0)`)
		.call(d3.axisLeft(y).ticks(5, '~s'));
	labelAxes(frame, `item rank by popularity${logX ? ' (log scale)' : ''}`, 'interactions (log scale)', height);

	const area = d3
		.area<RankPoint>()
		.x((point) => x(point.rank))
		.y0(frame.bottom)
		.y1((point) => y(point.count))
		.curve(d3.curveStepAfter);
	const line = d3
		.line<RankPoint>()
		.x((point) => x(point.rank))
		.y((point) => y(point.count))
		.curve(d3.curveStepAfter);
	frame.svg.append('path').datum(positive).attr('class', 'area').attr('fill', CHART_FILL).attr('d', area);
	frame.svg.append('path').datum(positive).attr('class', 'line').attr('fill', 'none').attr('stroke', CHART_COLOR).attr('stroke-width', 2).attr('d', line);

	for (const marker of markers.filter((entry) => entry.rank >= 1 && entry.rank <= lastRank)) {
		const position = x(marker.rank);
		frame.svg.append('line').attr('x1', position).attr('x2', position).attr('y1', frame.top).attr('y2', frame.bottom).attr('stroke', '#a40e26').attr('stroke-dasharray', '4 3');
		frame.svg.append('text').attr('x', position + 4).attr('y', frame.top + 12).attr('font-size', 11).attr('fill', '#a40e26').text(marker.label);
	}

	attachRankHover(frame.svg, positive, x, y, { width, height }, frame);
}

function attachRankHover(
	svg: d3.Selection<SVGSVGElement, unknown, null, undefined>,
	points: RankPoint[],
	x: d3.ScaleContinuousNumeric<number, number>,
	y: d3.ScaleLogarithmic<number, number>,
	size: ChartSize,
	frame: { left: number; right: number; top: number; bottom: number }
): void {
	if (points.length === 0) return;
	const focus = svg.append('circle').attr('r', 4).attr('fill', CHART_COLOR).attr('display', 'none').attr('pointer-events', 'none');
	const tooltip = createTooltip({ svg, ...frame }, size);
	const bisect = d3.bisector<RankPoint, number>((point) => point.rank).left;
	svg
		.append('rect')
		.attr('class', 'hover-overlay')
		.attr('x', frame.left)
		.attr('y', frame.top)
		.attr('width', frame.right - frame.left)
		.attr('height', frame.bottom - frame.top)
		.attr('fill', 'transparent')
		.on('pointermove', (event: PointerEvent) => {
			const [pointerX] = d3.pointer(event, svg.node());
			const rank = x.invert(pointerX);
			const index = Math.min(points.length - 1, bisect(points, rank));
			// The step curve keeps each sampled count until the next sample, so the tooltip reads the sample at or before the pointer.
			const point = points[index].rank > rank && index > 0 ? points[index - 1] : points[index];
			focus.attr('display', null).attr('cx', x(point.rank)).attr('cy', y(point.count));
			tooltip.show(x(point.rank), y(point.count), `rank ${formatCount(point.rank)}: ${formatCount(point.count)} interactions`);
		})
		.on('pointerleave', () => {
			focus.attr('display', 'none');
			tooltip.hide();
		});
	svg.select('g.chart-tooltip').raise();
}
