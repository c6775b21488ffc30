/**
 * A line chart of training loss per epoch, drawn with d3 into an <svg>.
 * Redrawing replaces the content, so it can be called on every epoch.
 */
import * as d3 from 'd3';

export interface LossCurveOptions {
	width: number;
	height: number;
	/** Accessible title, also shown above the plot. */
	title: string;
}

const MARGIN = { top: 28, right: 16, bottom: 36, left: 56 };

/** Draws the training loss and, when given, the validation loss per epoch. */
export function renderLossCurve(svgElement: SVGSVGElement, losses: number[], options: LossCurveOptions, validation: number[] = []): void {
	const { width, height, title } = options;
	const svg = d3.select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img');
	svg.selectAll('*').remove();
	svg.append('title').text(title);
	svg
		.append('text')
		.attr('x', MARGIN.left)
		.attr('y', 16)
		.attr('font-size', 13)
		.attr('font-weight', 600)
		.text(title);

	const points = losses.map((loss, index) => ({ epoch: index + 1, loss })).filter((p) => Number.isFinite(p.loss));
	const validationPoints = validation.map((loss, index) => ({ epoch: index + 1, loss })).filter((p) => Number.isFinite(p.loss));
	const x = d3
		.scaleLinear()
		.domain([1, Math.max(2, points.length)])
		.range([MARGIN.left, width - MARGIN.right]);
	const extent = d3.extent([...points, ...validationPoints], (p) => p.loss) as [number, number] | [undefined, undefined];
	const low = extent[0] ?? 0;
	const high = extent[1] ?? 1;
	const y = d3
		.scaleLinear()
		.domain([Math.min(low, high) * 0.98, high * 1.02 || 1])
		.nice()
		.range([height - MARGIN.bottom, MARGIN.top]);

	// Whole epochs only, at most about ten ticks.
	const lastEpoch = Math.max(2, points.length);
	const epochTicks = d3.range(1, lastEpoch + 1, Math.ceil(lastEpoch / 10));
	svg
		.append('g')
		.attr('transform', `translate(0,${height - MARGIN.bottom})`)
		.call(d3.axisBottom(x).tickValues(epochTicks).tickFormat(d3.format('d')));
	svg.append('g').attr('transform', `translate(${MARGIN.left},0)`).call(d3.axisLeft(y).ticks(5));
	svg
		.append('text')
		.attr('x', (MARGIN.left + width - MARGIN.right) / 2)
		.attr('y', height - 4)
		.attr('text-anchor', 'middle')
		.attr('font-size', 11)
		.text('epoch');
	svg
		.append('text')
		.attr('transform', `translate(14,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`)
		.attr('text-anchor', 'middle')
		.attr('font-size', 11)
		.text(validationPoints.length > 0 ? 'loss' : 'training loss');

	const line = d3
		.line<{ epoch: number; loss: number }>()
		.x((p) => x(p.epoch))
		.y((p) => y(p.loss));
	svg.append('path').datum(points).attr('fill', 'none').attr('stroke', '#1f4e79').attr('stroke-width', 2).attr('d', line);
	svg
		.append('g')
		.selectAll('circle')
		.data(points)
		.join('circle')
		.attr('cx', (p) => x(p.epoch))
		.attr('cy', (p) => y(p.loss))
		.attr('r', 3)
		.attr('fill', '#1f4e79')
		.append('title')
		.text((p) => `epoch ${p.epoch}: loss ${p.loss.toFixed(4)}`);

	if (validationPoints.length === 0) return;
	svg
		.append('path')
		.datum(validationPoints)
		.attr('fill', 'none')
		.attr('stroke', '#bc4c00')
		.attr('stroke-width', 2)
		.attr('stroke-dasharray', '5 3')
		.attr('d', line);
	svg
		.append('g')
		.selectAll('circle')
		.data(validationPoints)
		.join('circle')
		.attr('cx', (p) => x(p.epoch))
		.attr('cy', (p) => y(p.loss))
		.attr('r', 3)
		.attr('fill', '#bc4c00')
		.append('title')
		.text((p) => `epoch ${p.epoch}: validation loss ${p.loss.toFixed(4)}`);
	const legend = svg.append('g').attr('transform', `translate(${width - MARGIN.right - 150},${MARGIN.top})`).attr('font-size', 11);
	legend.append('line').attr('x1', 0).attr('x2', 18).attr('y1', 0).attr('y2', 0).attr('stroke', '#1f4e79').attr('stroke-width', 2);
	legend.append('text').attr('x', 24).attr('dy', '0.35em').text('training');
	legend.append('line').attr('x1', 0).attr('x2', 18).attr('y1', 16).attr('y2', 16).attr('stroke', '#bc4c00').attr('stroke-width', 2).attr('stroke-dasharray', '5 3');
	legend.append('text').attr('x', 24).attr('y', 16).attr('dy', '0.35em').text('validation');
}
