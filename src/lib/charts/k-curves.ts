/**
 * The curves that help choose the number of clusters: silhouette over k
 * (higher is better, the suggested k is its maximum) and within-cluster sum
 * of squares over k (the "elbow", where adding clusters stops paying off).
 * Drawn with d3 into an <svg>, with the suggested and the used k marked.
 */
import * as d3 from 'd3';
import type { KScore } from '$lib/cluster/types';
import { CHART_COLOR, createFrame, createTooltip, labelAxes } from './frame';

export type KMetric = 'silhouette' | 'inertia';

export interface KCurveOptions {
	width: number;
	height: number;
	title: string;
	metric: KMetric;
	/** The k the segmentation used. */
	usedK: number;
}

const MARGIN = { top: 34, right: 20, bottom: 44, left: 64 };

/** Returns the k with the highest silhouette, or null when no score is finite. */
export function suggestedK(scores: KScore[]): number | null {
	let best: KScore | null = null;
	for (const score of scores) if (Number.isFinite(score.silhouette) && (!best || score.silhouette > best.silhouette)) best = score;
	return best?.k ?? null;
}

export function renderKCurve(element: SVGSVGElement, scores: KScore[], options: KCurveOptions): void {
	const { width, height, title, metric, usedK } = options;
	const frame = createFrame(element, title, { width, height }, MARGIN);
	const points = scores.filter((score) => Number.isFinite(score[metric])).sort((a, b) => a.k - b.k);
	const value = (score: KScore) => score[metric];

	const kExtent = d3.extent(points, (score) => score.k) as [number, number] | [undefined, undefined];
	const x = d3
		.scaleLinear()
		.domain([kExtent[0] ?? 2, Math.max((kExtent[0] ?? 2) + 1, kExtent[1] ?? 3)])
		.range([frame.left, frame.right]);
	const valueExtent = d3.extent(points, value) as [number, number] | [undefined, undefined];
	const low = valueExtent[0] ?? 0;
	const high = valueExtent[1] ?? 1;
	const pad = (high - low) * 0.08 || Math.abs(high) * 0.1 || 1;
	const y = d3
		.scaleLinear()
		.domain([metric === 'inertia' ? Math.max(0, low - pad) : low - pad, high + pad])
		.nice()
		.range([frame.bottom, frame.top]);

	const kTicks = points.map((score) => score.k);
	frame.svg
		.append('g')
		.attr('transform', `translate(0,${frame.bottom})`)
		.call(d3.axisBottom(x).tickValues(kTicks.length <= 16 ? kTicks : x.ticks(10)).tickFormat(d3.format('d')));
	frame.svg
		.append('g')
		.attr('transform', `translate(${frame.left},0)`)
		.call(d3.axisLeft(y).ticks(5).tickFormat(d3.format(metric === 'inertia' ? '~s' : '.2f')));
	labelAxes(frame, 'number of clusters (k)', metric === 'silhouette' ? 'mean silhouette' : 'within-cluster sum of squares', height);

	const markers = [{ k: usedK, label: `used k = ${usedK}`, color: '#d1242f' }];
	const suggested = suggestedK(scores);
	if (suggested !== null && suggested !== usedK) markers.push({ k: suggested, label: `suggested k = ${suggested}`, color: '#57606a' });
	else if (suggested !== null) markers[0].label = `used and suggested k = ${usedK}`;
	markers.forEach((marker, index) => {
		if (!Number.isFinite(x(marker.k))) return;
		frame.svg
			.append('line')
			.attr('class', 'k-marker')
			.attr('x1', x(marker.k))
			.attr('x2', x(marker.k))
			.attr('y1', frame.top)
			.attr('y2', frame.bottom)
			.attr('stroke', marker.color)
			.attr('stroke-dasharray', '4 3');
		const nearRight = x(marker.k) > (frame.left + frame.right) / 2;
		frame.svg
			.append('text')
			.attr('x', x(marker.k) + (nearRight ? -4 : 4))
			.attr('y', frame.top + 12 + index * 14)
			.attr('text-anchor', nearRight ? 'end' : 'start')
			.attr('font-size', 11)
			.attr('fill', marker.color)
			.text(marker.label);
	});

	const line = d3
		.line<KScore>()
		.x((score) => x(score.k))
		.y((score) => y(value(score)));
	frame.svg.append('path').attr('class', 'line').datum(points).attr('fill', 'none').attr('stroke', CHART_COLOR).attr('stroke-width', 2).attr('d', line);

	const tooltip = createTooltip(frame, { width, height });
	const describe = (score: KScore) => `k = ${score.k}: silhouette ${score.silhouette.toFixed(3)}, sum of squares ${d3.format(',.4~g')(score.inertia)}`;
	frame.svg
		.append('g')
		.selectAll('circle')
		.data(points)
		.join('circle')
		.attr('class', 'hit')
		.attr('cx', (score) => x(score.k))
		.attr('cy', (score) => y(value(score)))
		.attr('r', (score) => (score.k === usedK ? 5 : 3.5))
		.attr('fill', (score) => (score.k === usedK ? '#d1242f' : CHART_COLOR))
		.on('pointerenter', (_event, score) => tooltip.show(x(score.k), y(value(score)), describe(score)))
		.on('pointerleave', () => tooltip.hide())
		.append('title')
		.text(describe);
	frame.svg.select('g.chart-tooltip').raise();
}
