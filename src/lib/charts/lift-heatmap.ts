/**
 * A heatmap of lift by feature (genre or tag) and cluster: how much more
 * (blue) or less (red) often a feature occurs among a cluster's members than
 * overall. Colour is log₂ lift on a diverging scale, so 2× and ½× are equally
 * strong; cells with no data are left blank.
 */
import * as d3 from 'd3';
import { createFrame, createTooltip } from './frame';
import { categoryColor } from './scatter-color';

export interface LiftMatrix {
	clusters: number[];
	features: string[];
	/** lift[feature][cluster position], NaN when unknown. */
	lift: number[][];
}

export interface LiftHeatmapOptions {
	width: number;
	title: string;
}

const MARGIN = { top: 56, right: 16, bottom: 16, left: 150 };
const ROW_HEIGHT = 20;
const MAX_LABEL_CHARS = 22;

export function liftHeatmapHeight(features: number): number {
	return MARGIN.top + MARGIN.bottom + Math.max(1, features) * ROW_HEIGHT;
}

export function renderLiftHeatmap(element: SVGSVGElement, matrix: LiftMatrix, options: LiftHeatmapOptions): void {
	const { width, title } = options;
	const height = liftHeatmapHeight(matrix.features.length);
	const frame = createFrame(element, title, { width, height }, MARGIN);

	const x = d3
		.scaleBand<number>()
		.domain(matrix.clusters.map((_, position) => position))
		.range([frame.left, frame.right])
		.padding(0.06);
	const y = d3
		.scaleBand<number>()
		.domain(matrix.features.map((_, position) => position))
		.range([frame.top, frame.bottom])
		.padding(0.06);
	// log₂ lift clamped to ±2 (¼× to 4×); RdBu runs red to blue, so positive lift is blue.
	const color = d3.scaleDiverging((t: number) => d3.interpolateRdBu(t)).domain([-2, 0, 2]).clamp(true);

	frame.svg
		.append('g')
		.selectAll('text')
		.data(matrix.clusters)
		.join('text')
		.attr('x', (_, position) => (x(position) ?? 0) + x.bandwidth() / 2)
		.attr('y', frame.top - 8)
		.attr('text-anchor', 'middle')
		.attr('font-size', 11)
		.attr('fill', '#1b1f24')
		.text((cluster) => `C${cluster}`);
	frame.svg
		.append('g')
		.selectAll('rect')
		.data(matrix.clusters)
		.join('rect')
		.attr('x', (_, position) => x(position) ?? 0)
		.attr('y', frame.top - 5)
		.attr('width', x.bandwidth())
		.attr('height', 3)
		.attr('fill', (cluster) => categoryColor(cluster));
	frame.svg
		.append('g')
		.selectAll('text')
		.data(matrix.features)
		.join('text')
		.attr('x', frame.left - 6)
		.attr('y', (_, position) => (y(position) ?? 0) + y.bandwidth() / 2 + 4)
		.attr('text-anchor', 'end')
		.attr('font-size', 11)
		.attr('fill', '#1b1f24')
		.text((feature) => (feature.length > MAX_LABEL_CHARS ? `${feature.slice(0, MAX_LABEL_CHARS - 1)}…` : feature));

	const cells = matrix.features.flatMap((feature, row) =>
		matrix.clusters.map((cluster, column) => ({ feature, cluster, row, column, lift: matrix.lift[row]?.[column] ?? Number.NaN }))
	);
	const tooltip = createTooltip(frame, { width, height });
	const describe = (cell: (typeof cells)[number]) =>
		Number.isFinite(cell.lift) ? `${cell.feature} in cluster ${cell.cluster}: lift ${cell.lift.toFixed(2)}` : `${cell.feature} in cluster ${cell.cluster}: no data`;
	const showLabels = x.bandwidth() >= 30;
	const group = frame.svg.append('g').selectAll('g').data(cells).join('g');
	group
		.append('rect')
		.attr('class', 'cell')
		.attr('x', (cell) => x(cell.column) ?? 0)
		.attr('y', (cell) => y(cell.row) ?? 0)
		.attr('width', x.bandwidth())
		.attr('height', y.bandwidth())
		.attr('fill', (cell) => (Number.isFinite(cell.lift) && cell.lift > 0 ? color(Math.log2(cell.lift)) : Number.isFinite(cell.lift) ? color(-2) : '#f6f8fa'))
		.on('pointerenter', (_event, cell) => tooltip.show((x(cell.column) ?? 0) + x.bandwidth() / 2, (y(cell.row) ?? 0) + y.bandwidth(), describe(cell)))
		.on('pointerleave', () => tooltip.hide())
		.append('title')
		.text(describe);
	if (showLabels) {
		group
			.append('text')
			.attr('x', (cell) => (x(cell.column) ?? 0) + x.bandwidth() / 2)
			.attr('y', (cell) => (y(cell.row) ?? 0) + y.bandwidth() / 2 + 4)
			.attr('text-anchor', 'middle')
			.attr('font-size', 10)
			.attr('pointer-events', 'none')
			.attr('fill', (cell) => (Number.isFinite(cell.lift) && Math.abs(Math.log2(Math.max(cell.lift, 1e-6))) > 1.2 ? '#ffffff' : '#1b1f24'))
			.text((cell) => (Number.isFinite(cell.lift) ? cell.lift.toFixed(1) : ''));
	}
	frame.svg.select('g.chart-tooltip').raise();
}
