/**
 * Interactions over time per day or per month (UTC), drawn with d3 into an
 * <svg> as a filled step curve. Hovering reads off the bucket under the pointer.
 */
import * as d3 from 'd3';
import { CHART_COLOR, CHART_FILL, countTicks, createFrame, createTooltip, drawGrid, formatCount, labelAxes, type ChartSize } from './frame';

export interface TimePoint {
	/** Bucket start, epoch milliseconds. */
	start: number;
	count: number;
}

export interface TimeSeriesOptions extends ChartSize {
	title: string;
	unit: 'day' | 'month';
}

const MARGIN = { top: 32, right: 20, bottom: 52, left: 64 };
const formatDay = d3.utcFormat('%Y-%m-%d');
const formatMonth = d3.utcFormat('%b %Y');

/** Start of the bucket after `start`, so the last bucket gets a width too. */
function nextBucket(start: number, unit: 'day' | 'month'): number {
	return (unit === 'day' ? d3.utcDay : d3.utcMonth).offset(new Date(start), 1).getTime();
}

export function renderTimeSeries(element: SVGSVGElement, buckets: TimePoint[], options: TimeSeriesOptions): void {
	const { width, height, title, unit } = options;
	const frame = createFrame(element, title, options, MARGIN);
	const first = buckets[0]?.start ?? 0;
	const end = buckets.length > 0 ? nextBucket(buckets[buckets.length - 1].start, unit) : 1;

	const x = d3.scaleUtc().domain([new Date(first), new Date(end)]).range([frame.left, frame.right]);
	const y = d3
		.scaleLinear()
		.domain([0, Math.max(1, d3.max(buckets, (bucket) => bucket.count) ?? 1)])
		.nice()
		.range([frame.bottom, frame.top]);

	const yTicks = countTicks(y, 5);
	drawGrid(frame, y, yTicks.values);
	frame.svg
		.append('g')
		.attr('transform', `translate(0,${frame.bottom})`)
		.call(d3.axisBottom(x).ticks(8));
	frame.svg
		.append('g')
		.attr('transform', `translate(${frame.left},0)`)
		.call(d3.axisLeft(y).tickValues(yTicks.values).tickFormat(yTicks.format));
	labelAxes(frame, unit === 'day' ? 'day (UTC)' : 'month (UTC)', `interactions per ${unit}`, height);

	// One extra point at the end closes the last step.
	const stepped = buckets.length > 0 ? [...buckets, { start: end, count: buckets[buckets.length - 1].count }] : [];
	const area = d3
		.area<TimePoint>()
		.x((bucket) => x(new Date(bucket.start)))
		.y0(frame.bottom)
		.y1((bucket) => y(bucket.count))
		.curve(d3.curveStepAfter);
	const line = d3
		.line<TimePoint>()
		.x((bucket) => x(new Date(bucket.start)))
		.y((bucket) => y(bucket.count))
		.curve(d3.curveStepAfter);
	frame.svg.append('path').datum(stepped).attr('class', 'area').attr('fill', CHART_FILL).attr('d', area);
	frame.svg.append('path').datum(stepped).attr('class', 'line').attr('fill', 'none').attr('stroke', CHART_COLOR).attr('stroke-width', 1.5).attr('d', line);

	if (buckets.length === 0) return;
	const highlight = frame.svg.append('rect').attr('fill', 'rgba(31, 78, 121, 0.15)').attr('display', 'none').attr('pointer-events', 'none');
	const tooltip = createTooltip(frame, { width, height });
	const bisect = d3.bisector<TimePoint, number>((bucket) => bucket.start).right;
	frame.svg
		.append('rect')
		.attr('class', 'hover-overlay')
		.attr('x', frame.left)
		.attr('y', frame.top)
		.attr('width', frame.right - frame.left)
		.attr('height', frame.bottom - frame.top)
		.attr('fill', 'transparent')
		.on('pointermove', (event: PointerEvent) => {
			const [pointerX] = d3.pointer(event, frame.svg.node());
			const time = x.invert(pointerX).getTime();
			const bucket = buckets[Math.max(0, Math.min(buckets.length - 1, bisect(buckets, time) - 1))];
			const left = x(new Date(bucket.start));
			const right = x(new Date(nextBucket(bucket.start, unit)));
			highlight.attr('display', null).attr('x', left).attr('width', Math.max(1, right - left)).attr('y', frame.top).attr('height', frame.bottom - frame.top);
			const when = unit === 'day' ? formatDay(new Date(bucket.start)) : formatMonth(new Date(bucket.start));
			tooltip.show((left + right) / 2, y(bucket.count), `${when}: ${formatCount(bucket.count)} interactions`);
		})
		.on('pointerleave', () => {
			highlight.attr('display', 'none');
			tooltip.hide();
		});
	frame.svg.select('g.chart-tooltip').raise();
}
