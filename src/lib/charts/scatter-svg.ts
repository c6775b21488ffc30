/**
 * A still SVG of the cluster map's current view, with its title and legend,
 * for download as .svg or .png. SVG files with hundreds of thousands of
 * circles open slowly or not at all, so above {@link EXPORT_MAX_POINTS} points
 * the export draws a seeded random sample and notes that under the title.
 */
import * as d3 from 'd3';
import { FONT_FAMILY } from './frame';
import { sampleIndices, type ViewMapping } from './scatter-canvas';
import { packColor, unpackColor, type Legend } from './scatter-color';
import { rasterizeSvg } from './export';

export const EXPORT_MAX_POINTS = 20_000;
const LEGEND_WIDTH = 190;
const TOP = 44;

export interface MapSvgInput {
	coordinates: Float32Array;
	colors: Uint32Array;
	legend: Legend;
	title: string;
	/** The map view being exported: its mapping to CSS pixels and its size. */
	view: ViewMapping;
	width: number;
	height: number;
	radius: number;
	dimmed: Uint8Array | null;
	highlights: { index: number; label?: string; kind: 'focus' | 'related' }[];
	seed?: number;
}

export interface MapSvgSummary {
	drawn: number;
	visible: number;
	sampled: boolean;
}

/** Draws the map into `element` and returns how many points were visible and drawn. */
export function renderMapSvg(element: SVGSVGElement, input: MapSvgInput): MapSvgSummary {
	const { coordinates, colors, view, width, height, radius, dimmed } = input;
	const total = colors.length;

	// Points inside the current view; a zoomed-in export leaves the rest out.
	const visible: number[] = [];
	for (let index = 0; index < total; index++) {
		const x = view.scaleX * coordinates[2 * index] + view.offsetX;
		const y = view.scaleY * coordinates[2 * index + 1] + view.offsetY;
		if (x >= -radius && x <= width + radius && y >= -radius && y <= height + radius) visible.push(index);
	}
	const sampled = visible.length > EXPORT_MAX_POINTS;
	const chosen = sampled ? Array.from(sampleIndices(visible.length, EXPORT_MAX_POINTS, input.seed ?? 1), (position) => visible[position]) : visible;
	// Dimmed points first, so emphasised ones are drawn on top, as on screen.
	const ordered = dimmed ? [...chosen.filter((index) => dimmed[index]), ...chosen.filter((index) => !dimmed[index])] : chosen;

	const fullWidth = width + LEGEND_WIDTH;
	const fullHeight = height + TOP;
	const svg = d3
		.select(element)
		.attr('viewBox', `0 0 ${fullWidth} ${fullHeight}`)
		.attr('role', 'img')
		.attr('aria-label', input.title)
		.attr('font-family', FONT_FAMILY);
	svg.selectAll('*').remove();
	svg.append('title').text(input.title);
	svg.append('rect').attr('width', fullWidth).attr('height', fullHeight).attr('fill', '#ffffff');
	svg.append('text').attr('x', 8).attr('y', 18).attr('font-size', 14).attr('font-weight', 600).attr('fill', '#1b1f24').text(input.title);
	const note = sampled
		? `${d3.format(',')(chosen.length)} of ${d3.format(',')(visible.length)} points drawn (a random sample, to keep the file small)`
		: `${d3.format(',')(visible.length)} of ${d3.format(',')(total)} points in view`;
	svg.append('text').attr('class', 'map-note').attr('x', 8).attr('y', 35).attr('font-size', 11).attr('fill', '#57606a').text(note);

	const plot = svg.append('g').attr('transform', `translate(0,${TOP})`);
	plot.append('rect').attr('width', width).attr('height', height).attr('fill', '#ffffff').attr('stroke', '#d0d7de');
	plot.append('clipPath').attr('id', 'map-clip').append('rect').attr('width', width).attr('height', height);
	const dimColor = unpackColor(packColor('#dfe3e8'));
	plot
		.append('g')
		.attr('clip-path', 'url(#map-clip)')
		.attr('fill-opacity', 0.8)
		.selectAll('circle')
		.data(ordered)
		.join('circle')
		.attr('class', 'point')
		.attr('cx', (index) => (view.scaleX * coordinates[2 * index] + view.offsetX).toFixed(1))
		.attr('cy', (index) => (view.scaleY * coordinates[2 * index + 1] + view.offsetY).toFixed(1))
		.attr('r', radius)
		.attr('fill', (index) => (dimmed?.[index] ? dimColor : unpackColor(colors[index])));

	const marks = plot.append('g').selectAll('g').data(input.highlights).join('g');
	marks.attr('transform', (highlight) => `translate(${(view.scaleX * coordinates[2 * highlight.index] + view.offsetX).toFixed(1)},${(view.scaleY * coordinates[2 * highlight.index + 1] + view.offsetY).toFixed(1)})`);
	marks
		.append('circle')
		.attr('r', (highlight) => (highlight.kind === 'focus' ? 9 : 6))
		.attr('fill', 'none')
		.attr('stroke', (highlight) => (highlight.kind === 'focus' ? '#d1242f' : '#1b1f24'))
		.attr('stroke-width', 2);
	marks.append('text').attr('x', 11).attr('y', 4).attr('font-size', 11).attr('fill', '#1b1f24').text((highlight) => highlight.label ?? '');

	drawLegend(svg.append('g').attr('transform', `translate(${width + 14},${TOP + 4})`), input.legend, height);
	return { drawn: chosen.length, visible: visible.length, sampled };
}

function drawLegend(group: d3.Selection<SVGGElement, unknown, null, undefined>, legend: Legend, height: number): void {
	group.append('text').attr('font-size', 12).attr('font-weight', 600).attr('fill', '#1b1f24').attr('y', 10).text(legend.title);
	if (legend.kind === 'categorical') {
		const rowHeight = 17;
		const rows = legend.entries.slice(0, Math.floor((height - 24) / rowHeight));
		const entry = group
			.selectAll('g.entry')
			.data(rows)
			.join('g')
			.attr('class', 'entry')
			.attr('transform', (_, index) => `translate(0,${24 + index * rowHeight})`);
		entry.append('rect').attr('width', 11).attr('height', 11).attr('y', -9).attr('fill', (row) => row.color);
		entry
			.append('text')
			.attr('x', 16)
			.attr('font-size', 11)
			.attr('fill', '#1b1f24')
			.text((row) => `${row.label.length > 20 ? `${row.label.slice(0, 19)}…` : row.label} (${d3.format(',')(row.count)})`);
		return;
	}

	const gradientId = 'map-legend-gradient';
	const gradient = group.append('defs').append('linearGradient').attr('id', gradientId).attr('x1', '0').attr('x2', '1');
	for (let step = 0; step <= 10; step++) gradient.append('stop').attr('offset', `${step * 10}%`).attr('stop-color', legend.interpolate(step / 10));
	group.append('rect').attr('y', 20).attr('width', 150).attr('height', 12).attr('fill', `url(#${gradientId})`);
	const format = legend.log || legend.max >= 1000 ? d3.format(',.0f') : d3.format('.2f');
	group.append('text').attr('y', 46).attr('font-size', 11).attr('fill', '#1b1f24').text(format(legend.min));
	group.append('text').attr('x', 150).attr('y', 46).attr('text-anchor', 'end').attr('font-size', 11).attr('fill', '#1b1f24').text(format(legend.max));
	if (legend.log) group.append('text').attr('y', 62).attr('font-size', 11).attr('fill', '#57606a').text('log scale');
	if (legend.missing > 0) group.append('text').attr('y', 78).attr('font-size', 11).attr('fill', '#57606a').text(`${d3.format(',')(legend.missing)} without a value (grey)`);
}

/**
 * Serialises a map drawn by {@link renderMapSvg} as a standalone file. The map
 * sets every colour and font as an attribute, so unlike export.ts' serializeSvg it
 * copies no computed styles, which would add about 300 bytes to each of up to 20,000 circles.
 */
export function mapSvgText(svg: SVGSVGElement): string {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	const viewBox = svg.viewBox.baseVal;
	copy.setAttribute('width', String(viewBox.width));
	copy.setAttribute('height', String(viewBox.height));
	let text = new XMLSerializer().serializeToString(copy);
	if (!text.includes('xmlns="http://www.w3.org/2000/svg"')) text = text.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
	return `<?xml version="1.0" encoding="UTF-8"?>\n${text}`;
}

/** Draws the serialised map onto a canvas at `scale` times its size and encodes it as PNG. */
export async function mapPngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
	const { width, height } = svg.viewBox.baseVal;
	return rasterizeSvg(mapSvgText(svg), width, height, scale);
}
