/**
 * Means with confidence intervals, one row per model (a dot-and-whisker
 * chart), drawn with d3 into an <svg>. The best model's row is marked.
 */
import * as d3 from 'd3';

export interface IntervalRow {
	label: string;
	mean: number;
	lower: number;
	upper: number;
	isBest: boolean;
	/** Paired p-value against the best model; null for the best. */
	pValue: number | null;
}

const MARGIN = { top: 28, right: 90, bottom: 36, left: 190 };

/** Formats a p-value for the chart, naming the best model's row instead. */
export function pValueLabel(pValue: number | null): string {
	if (pValue === null) return 'best';
	if (pValue < 0.001) return 'p < 0.001';
	return `p = ${pValue.toFixed(3)}`;
}
const ROW_HEIGHT = 26;

export function renderIntervalChart(svgElement: SVGSVGElement, rows: IntervalRow[], options: { title: string; metric: string; width: number }): void {
	const height = MARGIN.top + MARGIN.bottom + rows.length * ROW_HEIGHT;
	const svg = d3.select(svgElement).attr('viewBox', `0 0 ${options.width} ${height}`).attr('role', 'img').attr('aria-label', options.title);
	svg.selectAll('*').remove();
	svg.append('title').text(options.title);
	svg.append('text').attr('x', 8).attr('y', 16).attr('font-size', 13).attr('font-weight', 600).text(options.title);
	if (rows.length === 0) return;

	const low = d3.min(rows, (row) => row.lower) ?? 0;
	const high = d3.max(rows, (row) => row.upper) ?? 1;
	const padding = (high - low) * 0.08 || 0.01;
	const x = d3
		.scaleLinear()
		.domain([Math.max(0, low - padding), high + padding])
		.nice()
		.range([MARGIN.left, options.width - MARGIN.right]);
	const y = d3
		.scaleBand<number>()
		.domain(rows.map((_, index) => index))
		.range([MARGIN.top, height - MARGIN.bottom])
		.padding(0.3);

	svg.append('g').attr('transform', `translate(0,${height - MARGIN.bottom})`).call(d3.axisBottom(x).ticks(6));
	svg
		.append('text')
		.attr('x', (MARGIN.left + options.width - MARGIN.right) / 2)
		.attr('y', height - 4)
		.attr('text-anchor', 'middle')
		.attr('font-size', 11)
		.text(`${options.metric} (mean over users, 95% bootstrap interval)`);

	const row = svg
		.append('g')
		.selectAll('g')
		.data(rows)
		.join('g')
		.attr('transform', (_, index) => `translate(0,${(y(index) ?? 0) + y.bandwidth() / 2})`);
	row
		.append('text')
		.attr('x', MARGIN.left - 8)
		.attr('dy', '0.35em')
		.attr('text-anchor', 'end')
		.attr('font-size', 12)
		.attr('font-weight', (d) => (d.isBest ? 700 : 400))
		.text((d) => d.label);
	row
		.append('line')
		.attr('x1', (d) => x(d.lower))
		.attr('x2', (d) => x(d.upper))
		.attr('stroke', '#57606a')
		.attr('stroke-width', 2);
	row
		.append('circle')
		.attr('cx', (d) => x(d.mean))
		.attr('r', 5)
		.attr('fill', (d) => (d.isBest ? '#1a7f37' : '#1f4e79'))
		.append('title')
		.text((d) => `${d.label}: ${d.mean.toFixed(4)} [${d.lower.toFixed(4)}, ${d.upper.toFixed(4)}]${d.pValue === null ? ' (best)' : `, p = ${d.pValue.toFixed(3)} against the best`}`);
	row
		.append('text')
		.attr('x', options.width - MARGIN.right + 8)
		.attr('dy', '0.35em')
		.attr('font-size', 11)
		.attr('fill', '#57606a')
		.text((d) => pValueLabel(d.pValue));
}
