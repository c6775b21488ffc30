/**
 * Small multiples that compare clusters side by side: one panel per measure
 * (size, mean rating, mean activity), one bar per cluster in the cluster's
 * map colour, on a shared cluster axis.
 */
import * as d3 from 'd3';
import { createFrame, createTooltip } from './frame';
import { categoryColor } from './scatter-color';

export interface ClusterMeasure {
	label: string;
	/** Value per cluster, in the order of `clusters`; NaN leaves the bar out. */
	values: number[];
	format: (value: number) => string;
}

export interface ClusterBarsOptions {
	width: number;
	height: number;
	title: string;
}

const MARGIN = { top: 34, right: 12, bottom: 30, left: 12 };
const PANEL_GAP = 28;

export function renderClusterBars(element: SVGSVGElement, clusters: number[], measures: ClusterMeasure[], options: ClusterBarsOptions): void {
	const { width, height, title } = options;
	const frame = createFrame(element, title, { width, height }, MARGIN);
	const panelWidth = (frame.right - frame.left - PANEL_GAP * (measures.length - 1)) / Math.max(1, measures.length);
	const tooltip = createTooltip(frame, { width, height });

	measures.forEach((measure, panel) => {
		const left = frame.left + panel * (panelWidth + PANEL_GAP);
		const top = frame.top + 16;
		const x = d3
			.scaleBand<number>()
			.domain(clusters.map((_, position) => position))
			.range([left, left + panelWidth])
			.padding(0.15);
		const finite = measure.values.filter(Number.isFinite);
		const y = d3
			.scaleLinear()
			.domain([0, Math.max(1e-9, d3.max(finite) ?? 1)])
			.nice()
			.range([frame.bottom, top]);

		frame.svg.append('text').attr('x', left).attr('y', frame.top + 6).attr('font-size', 12).attr('font-weight', 600).attr('fill', '#1b1f24').text(measure.label);
		frame.svg
			.append('g')
			.attr('transform', `translate(0,${frame.bottom})`)
			.call(
				d3
					.axisBottom(x)
					.tickSizeOuter(0)
					.tickFormat((position) => (clusters.length <= 12 || position % 2 === 0 ? `C${clusters[position]}` : ''))
			);
		const describe = (position: number) => `cluster ${clusters[position]}: ${measure.label} ${Number.isFinite(measure.values[position]) ? measure.format(measure.values[position]) : 'no data'}`;
		const bars = frame.svg
			.append('g')
			.selectAll('rect')
			.data(clusters.map((_, position) => position).filter((position) => Number.isFinite(measure.values[position])))
			.join('rect')
			.attr('class', 'bar')
			.attr('x', (position) => x(position) ?? 0)
			.attr('width', x.bandwidth())
			.attr('y', (position) => y(measure.values[position]))
			.attr('height', (position) => frame.bottom - y(measure.values[position]))
			.attr('fill', (position) => categoryColor(clusters[position]))
			.on('pointerenter', (_event, position) => tooltip.show((x(position) ?? 0) + x.bandwidth() / 2, y(measure.values[position]), describe(position)))
			.on('pointerleave', () => tooltip.hide());
		bars.append('title').text(describe);
		if (x.bandwidth() >= 22) {
			frame.svg
				.append('g')
				.selectAll('text')
				.data(clusters.map((_, position) => position).filter((position) => Number.isFinite(measure.values[position])))
				.join('text')
				.attr('x', (position) => (x(position) ?? 0) + x.bandwidth() / 2)
				.attr('y', (position) => y(measure.values[position]) - 3)
				.attr('text-anchor', 'middle')
				.attr('font-size', 10)
				.attr('fill', '#57606a')
				.text((position) => measure.format(measure.values[position]));
		}
	});
	frame.svg.select('g.chart-tooltip').raise();
}
