/**
 * Shared scaffolding of the Explore charts: the <svg> set-up (viewBox, role,
 * accessible name, visible title), axis labels and a hover tooltip drawn
 * inside the SVG. Presentation is set as attributes rather than CSS classes,
 * so an exported SVG looks the same outside the page.
 */
import * as d3 from 'd3';

export interface ChartSize {
	width: number;
	height: number;
}

export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

export interface Frame {
	svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
	/** The plot area inside the margins, in viewBox units. */
	left: number;
	right: number;
	top: number;
	bottom: number;
}

export const CHART_COLOR = '#1f4e79';
export const CHART_FILL = '#c9dcef';
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const formatCount = d3.format(',');

/** Whole-number ticks of a count scale, formatted as 2,000 below ten thousand and as 20k above. */
export function countTicks(scale: d3.ScaleContinuousNumeric<number, number>, count: number): { values: number[]; format: (value: d3.NumberValue) => string } {
	const max = scale.domain()[1];
	const format = max >= 10_000 ? d3.format('~s') : d3.format(',~g');
	return { values: scale.ticks(count).filter((tick) => Number.isInteger(tick)), format: (value) => format(value) };
}

/** Clears the <svg> and sets it up as an image named `title`, with the title drawn above the plot. */
export function createFrame(element: SVGSVGElement, title: string, size: ChartSize, margin: Margin): Frame {
	const svg = d3
		.select(element)
		.attr('viewBox', `0 0 ${size.width} ${size.height}`)
		.attr('role', 'img')
		.attr('aria-label', title)
		.attr('font-family', FONT_FAMILY);
	svg.selectAll('*').remove();
	svg.append('title').text(title);
	svg.append('text').attr('x', margin.left).attr('y', 17).attr('font-size', 14).attr('font-weight', 600).attr('fill', '#1b1f24').text(title);
	return { svg, left: margin.left, right: size.width - margin.right, top: margin.top, bottom: size.height - margin.bottom };
}

/** Labels the x axis below the plot and the y axis, rotated, left of it. */
export function labelAxes(frame: Frame, xLabel: string, yLabel: string, height: number): void {
	frame.svg
		.append('text')
		.attr('x', (frame.left + frame.right) / 2)
		.attr('y', height - 6)
		.attr('text-anchor', 'middle')
		.attr('font-size', 12)
		.attr('fill', '#57606a')
		.text(xLabel);
	frame.svg
		.append('text')
		.attr('transform', `translate(14,${(frame.top + frame.bottom) / 2}) rotate(-90)`)
		.attr('text-anchor', 'middle')
		.attr('font-size', 12)
		.attr('fill', '#57606a')
		.text(yLabel);
}

/** Light horizontal grid lines at the y axis' ticks, behind the marks. */
export function drawGrid(frame: Frame, y: d3.AxisScale<number>, ticks: number[]): void {
	frame.svg
		.append('g')
		.attr('aria-hidden', 'true')
		.selectAll('line')
		.data(ticks)
		.join('line')
		.attr('x1', frame.left)
		.attr('x2', frame.right)
		.attr('y1', (tick) => y(tick) ?? 0)
		.attr('y2', (tick) => y(tick) ?? 0)
		.attr('stroke', '#eaeef2');
}

export interface Tooltip {
	/** Shows `text` with its anchor at (x, y) in viewBox units, flipped to stay inside the chart. */
	show(x: number, y: number, text: string): void;
	hide(): void;
}

/**
 * Adds a tooltip group, which must be created after the marks so it is drawn
 * on top. It is hidden (display none) when not hovering, so exports leave it out.
 */
export function createTooltip(frame: Frame, size: ChartSize): Tooltip {
	const group = frame.svg.append('g').attr('class', 'chart-tooltip').attr('pointer-events', 'none').attr('display', 'none');
	const box = group.append('rect').attr('rx', 4).attr('fill', '#1b1f24').attr('fill-opacity', 0.9);
	const label = group.append('text').attr('fill', '#ffffff').attr('font-size', 12).attr('y', 4);
	return {
		show(x, y, text) {
			label.text(text);
			// getComputedTextLength needs layout; the estimate covers a detached or hidden <svg>.
			let textWidth = text.length * 6.5;
			try {
				group.attr('display', null);
				textWidth = label.node()?.getComputedTextLength() || textWidth;
			} catch {
				// Keeps the estimate.
			}
			const width = textWidth + 12;
			const left = x + 10 + width > size.width ? x - 10 - width : x + 10;
			const top = Math.max(4, Math.min(size.height - 26, y - 22));
			group.attr('transform', `translate(${left},${top})`);
			box.attr('width', width).attr('height', 22);
			label.attr('x', 6).attr('y', 15);
		},
		hide() {
			group.attr('display', 'none');
		}
	};
}
