/**
 * The interactive cluster map: a 2-D layout of users or items, coloured by
 * cluster or an attribute, with d3-zoom for zoom and pan, a hover tooltip
 * (quadtree hit-testing), a rectangular brush to select points, and rings
 * that mark highlighted points. Above {@link CANVAS_THRESHOLD} points it draws
 * on a <canvas> (see scatter-canvas.ts); below it draws SVG circles. Labels
 * come from datasets, so the tooltip sets them as text, never as markup.
 *
 * NOTE: points cannot be reached with the keyboard; the page's caption and the
 * cluster profile tables are the text alternative.
 */
import * as d3 from 'd3';
import { fitView, pointRadius, rasterisePoints, zoomedView, type ViewMapping, type ZoomState } from './scatter-canvas';
import { packColor, unpackColor } from './scatter-color';

/** Above this many points the map draws on a canvas instead of SVG. */
export const CANVAS_THRESHOLD = 3_000;

const PADDING = 16;
const DIM_COLOR = packColor('#dfe3e8');
/** Hover picks the nearest point within this many CSS pixels. */
const HOVER_REACH = 8;

export interface MapHighlight {
	index: number;
	/** 'focus' is the one point being followed (a ring and a label); 'related' marks its linked points. */
	kind: 'focus' | 'related';
	label?: string;
}

export interface ScatterMapOptions {
	height: number;
	/** Accessible name of the map. */
	title: string;
	/** Tooltip text of a point. */
	describe: (index: number) => string;
	/** Called with the brushed points, or null when the selection is cleared. */
	onselect?: (indices: Int32Array | null) => void;
	/** Forces a renderer, for tests and the benchmark; the default picks by point count. */
	renderer?: 'canvas' | 'svg';
}

export type MapMode = 'pan' | 'select';

export class ScatterMap {
	readonly renderer: 'canvas' | 'svg';
	/** Redraws so far, for the benchmark. */
	drawCount = 0;
	private readonly container: HTMLElement;
	private readonly options: ScatterMapOptions;
	private readonly canvas: HTMLCanvasElement | null;
	private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
	private readonly pointLayer: d3.Selection<SVGGElement, unknown, null, undefined>;
	private readonly highlightLayer: d3.Selection<SVGGElement, unknown, null, undefined>;
	private readonly brushLayer: d3.Selection<SVGGElement, unknown, null, undefined>;
	private readonly tooltip: HTMLDivElement;
	private readonly zoom: d3.ZoomBehavior<SVGSVGElement, unknown>;
	private readonly brush: d3.BrushBehavior<unknown>;
	private readonly resizeObserver: ResizeObserver | null;

	private coordinates: Float32Array;
	private colors: Uint32Array;
	private count: number;
	private quadtree: d3.Quadtree<number>;
	private width = 0;
	private base: ViewMapping = { scaleX: 1, offsetX: 0, scaleY: 1, offsetY: 0 };
	private transform: ZoomState = { k: 1, x: 0, y: 0 };
	private mode: MapMode = 'pan';
	private highlights: MapHighlight[] = [];
	/** Brushed area in data coordinates, kept so the brush follows zoom and pan. */
	private selectionBox: [[number, number], [number, number]] | null = null;
	private selectedMask: Uint8Array | null = null;
	private emphasisMask: Uint8Array | null = null;
	private frameRequest = 0;
	private movingBrush = false;
	private pixels: ImageData | null = null;

	constructor(container: HTMLElement, coordinates: Float32Array, colors: Uint32Array, options: ScatterMapOptions) {
		this.container = container;
		this.options = options;
		this.coordinates = coordinates;
		this.colors = colors;
		this.count = colors.length;
		this.renderer = options.renderer ?? (this.count > CANVAS_THRESHOLD ? 'canvas' : 'svg');
		this.quadtree = this.buildQuadtree();

		container.replaceChildren();
		container.classList.add('scatter-map');
		Object.assign(container.style, { position: 'relative', height: `${options.height}px`, overflow: 'hidden', touchAction: 'none' });
		this.width = Math.max(100, container.clientWidth);

		this.canvas = this.renderer === 'canvas' ? container.appendChild(document.createElement('canvas')) : null;
		if (this.canvas) Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', width: '100%', height: '100%' });
		this.svg = d3
			.select(container)
			.append('svg')
			.attr('class', 'map-overlay')
			.attr('role', 'img')
			.attr('aria-label', options.title)
			.attr('data-renderer', this.renderer)
			.style('position', 'absolute')
			.style('left', '0')
			.style('top', '0')
			.style('width', '100%')
			.style('height', '100%');
		this.pointLayer = this.svg.append('g').attr('class', 'points');
		this.highlightLayer = this.svg.append('g').attr('class', 'highlights').attr('pointer-events', 'none');
		this.brushLayer = this.svg.append('g').attr('class', 'brush').attr('display', 'none');

		this.tooltip = container.appendChild(document.createElement('div'));
		this.tooltip.className = 'map-tooltip';
		this.tooltip.dataset.testid = 'map-tooltip';
		this.tooltip.hidden = true;

		this.zoom = d3
			.zoom<SVGSVGElement, unknown>()
			.scaleExtent([0.5, 64])
			// In select mode a drag draws the brush, so only the wheel zooms.
			.filter((event: Event & { button?: number; ctrlKey?: boolean }) => (this.mode === 'pan' ? (!event.ctrlKey || event.type === 'wheel') && !event.button : event.type === 'wheel'))
			.on('zoom', (event: d3.D3ZoomEvent<SVGSVGElement, unknown>) => {
				this.transform = { k: event.transform.k, x: event.transform.x, y: event.transform.y };
				this.followSelection();
				this.requestDraw();
			});
		this.svg.call(this.zoom).on('dblclick.zoom', null);

		this.brush = d3
			.brush()
			.on('end', (event: d3.D3BrushEvent<unknown>) => {
				if (this.movingBrush) return;
				this.applyBrush(event.selection as [[number, number], [number, number]] | null);
			});
		this.brushLayer.call(this.brush);

		this.svg.on('pointermove', (event: PointerEvent) => this.hover(event)).on('pointerleave', () => this.hideTooltip());

		this.resize();
		this.resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.resize());
		this.resizeObserver?.observe(container);
		this.buildSvgPoints();
		this.drawNow();
	}

	/** Replaces point colours (a new colouring) without touching zoom or selection. */
	setColors(colors: Uint32Array): void {
		if (colors.length !== this.count) throw new Error(`Map colours have ${colors.length} entries but the map has ${this.count} points.`);
		this.colors = colors;
		this.requestDraw();
	}

	setMode(mode: MapMode): void {
		this.mode = mode;
		this.brushLayer.attr('display', mode === 'select' ? null : 'none');
		this.svg.style('cursor', mode === 'select' ? 'crosshair' : 'grab');
	}

	setHighlights(highlights: MapHighlight[]): void {
		this.highlights = highlights.filter((highlight) => highlight.index >= 0 && highlight.index < this.count);
		this.drawHighlights();
	}

	/** Dims every point whose mask entry is non-zero (a cluster picked in the legend), or none. */
	setEmphasis(mask: Uint8Array | null): void {
		this.emphasisMask = mask;
		this.requestDraw();
	}

	clearSelection(): void {
		this.movingBrush = true;
		this.brushLayer.call(this.brush.move, null);
		this.movingBrush = false;
		this.applyBrush(null);
	}

	resetZoom(): void {
		this.svg.call(this.zoom.transform, d3.zoomIdentity);
	}

	/** Zooms so that `index` sits in the middle at `scale` at least. */
	centreOn(index: number, scale = 3): void {
		const k = Math.max(this.transform.k, scale);
		const x = this.base.scaleX * this.coordinates[2 * index] + this.base.offsetX;
		const y = this.base.scaleY * this.coordinates[2 * index + 1] + this.base.offsetY;
		const target = d3.zoomIdentity.translate(this.width / 2 - k * x, this.options.height / 2 - k * y).scale(k);
		this.svg.call(this.zoom.transform, target);
	}

	/** Returns the current view's mapping from data coordinates to CSS pixels, for export. */
	currentView(): { view: ViewMapping; width: number; height: number; dimmed: Uint8Array | null } {
		return { view: zoomedView(this.base, this.transform), width: this.width, height: this.options.height, dimmed: this.dimmedMask() };
	}

	/** Draws at once, synchronously; the benchmark calls it to time frames. */
	drawNow(): void {
		this.frameRequest = 0;
		this.drawCount++;
		if (this.renderer === 'canvas') this.drawCanvas();
		else this.drawSvgPoints();
		this.drawHighlights();
	}

	destroy(): void {
		if (this.frameRequest) cancelAnimationFrame(this.frameRequest);
		this.resizeObserver?.disconnect();
		this.svg.on('.zoom', null);
		this.container.replaceChildren();
	}

	private buildQuadtree(): d3.Quadtree<number> {
		const coordinates = this.coordinates;
		const indices = Array.from({ length: this.count }, (_, index) => index).filter((index) => Number.isFinite(coordinates[2 * index]) && Number.isFinite(coordinates[2 * index + 1]));
		return d3
			.quadtree<number>()
			.x((index) => coordinates[2 * index])
			.y((index) => coordinates[2 * index + 1])
			.addAll(indices);
	}

	private resize(): void {
		const width = Math.max(100, Math.round(this.container.clientWidth));
		if (width === this.width && this.pixels) return;
		this.width = width;
		this.base = fitView(this.coordinates, width, this.options.height, PADDING);
		this.svg.attr('viewBox', `0 0 ${width} ${this.options.height}`);
		this.zoom.extent([
			[0, 0],
			[width, this.options.height]
		]);
		this.brush.extent([
			[0, 0],
			[width, this.options.height]
		]);
		this.brushLayer.call(this.brush);
		if (this.canvas) {
			const ratio = window.devicePixelRatio || 1;
			this.canvas.width = Math.round(width * ratio);
			this.canvas.height = Math.round(this.options.height * ratio);
			this.pixels = null;
		} else {
			this.pixels = new ImageData(1, 1);
		}
		this.followSelection();
		this.requestDraw();
	}

	private requestDraw(): void {
		if (this.frameRequest) return;
		this.frameRequest = requestAnimationFrame(() => this.drawNow());
	}

	private dimmedMask(): Uint8Array | null {
		return this.selectedMask ?? this.emphasisMask;
	}

	private drawCanvas(): void {
		const canvas = this.canvas;
		const context = canvas?.getContext('2d');
		if (!canvas || !context) return;
		if (!this.pixels || this.pixels.width !== canvas.width || this.pixels.height !== canvas.height) this.pixels = context.createImageData(canvas.width, canvas.height);

		const buffer = new Uint32Array(this.pixels.data.buffer);
		buffer.fill(0xffffffff);
		const ratio = canvas.width / this.width;
		rasterisePoints(buffer, canvas.width, canvas.height, this.coordinates, this.colors, {
			view: zoomedView(this.base, this.transform, ratio),
			radius: pointRadius(this.count, this.transform.k) * ratio,
			alpha: 200,
			dimmed: this.dimmedMask(),
			dimColor: DIM_COLOR
		});
		context.putImageData(this.pixels, 0, 0);
	}

	private buildSvgPoints(): void {
		if (this.renderer !== 'svg') return;
		this.pointLayer
			.selectAll<SVGCircleElement, number>('circle')
			.data(Array.from({ length: this.count }, (_, index) => index))
			.join('circle')
			.attr('class', 'point')
			.attr('fill-opacity', 0.85);
	}

	private drawSvgPoints(): void {
		const view = zoomedView(this.base, this.transform);
		const radius = pointRadius(this.count, this.transform.k);
		const dimmed = this.dimmedMask();
		const circles = this.pointLayer.selectAll<SVGCircleElement, number>('circle');
		circles
			.attr('cx', (index) => view.scaleX * this.coordinates[2 * index] + view.offsetX)
			.attr('cy', (index) => view.scaleY * this.coordinates[2 * index + 1] + view.offsetY)
			.attr('r', radius)
			.attr('fill', (index) => unpackColor(dimmed?.[index] ? DIM_COLOR : this.colors[index]));
		// Emphasised points go on top of dimmed ones.
		if (dimmed) circles.filter((index) => !dimmed[index]).raise();
	}

	private drawHighlights(): void {
		const view = zoomedView(this.base, this.transform);
		const groups = this.highlightLayer
			.selectAll<SVGGElement, MapHighlight>('g.highlight')
			.data(this.highlights, (highlight) => `${highlight.kind}:${highlight.index}`)
			.join((enter) => {
				const group = enter.append('g').attr('class', (highlight) => `highlight ${highlight.kind}`);
				group
					.append('circle')
					.attr('r', (highlight) => (highlight.kind === 'focus' ? 9 : 6))
					.attr('fill', 'none')
					.attr('stroke', (highlight) => (highlight.kind === 'focus' ? '#d1242f' : '#1b1f24'))
					.attr('stroke-width', (highlight) => (highlight.kind === 'focus' ? 3 : 2));
				group
					.append('text')
					.attr('x', 11)
					.attr('y', 4)
					.attr('font-size', 12)
					.attr('font-weight', 600)
					.attr('fill', '#1b1f24')
					.attr('stroke', '#ffffff')
					.attr('stroke-width', 3)
					.attr('paint-order', 'stroke')
					.text((highlight) => highlight.label ?? '');
				return group;
			});
		groups.attr('transform', (highlight) => {
			const x = view.scaleX * this.coordinates[2 * highlight.index] + view.offsetX;
			const y = view.scaleY * this.coordinates[2 * highlight.index + 1] + view.offsetY;
			return `translate(${x.toFixed(1)},${y.toFixed(1)})`;
		});
	}

	private toData(screenX: number, screenY: number): [number, number] {
		const view = zoomedView(this.base, this.transform);
		return [(screenX - view.offsetX) / view.scaleX, (screenY - view.offsetY) / view.scaleY];
	}

	private hover(event: PointerEvent): void {
		const [screenX, screenY] = d3.pointer(event, this.svg.node());
		const [x, y] = this.toData(screenX, screenY);
		const reach = HOVER_REACH / (this.base.scaleX * this.transform.k);
		const index = this.quadtree.find(x, y, reach);
		if (index === undefined) {
			this.hideTooltip();
			return;
		}
		this.tooltip.textContent = this.options.describe(index);
		this.tooltip.hidden = false;
		const view = zoomedView(this.base, this.transform);
		const pointX = view.scaleX * this.coordinates[2 * index] + view.offsetX;
		const pointY = view.scaleY * this.coordinates[2 * index + 1] + view.offsetY;
		const tooltipWidth = this.tooltip.offsetWidth;
		const left = pointX + 12 + tooltipWidth > this.width ? pointX - 12 - tooltipWidth : pointX + 12;
		this.tooltip.style.left = `${Math.max(0, left)}px`;
		this.tooltip.style.top = `${Math.max(0, Math.min(this.options.height - 28, pointY - 14))}px`;
	}

	private hideTooltip(): void {
		this.tooltip.hidden = true;
	}

	private applyBrush(screenBox: [[number, number], [number, number]] | null): void {
		if (!screenBox) {
			this.selectionBox = null;
			this.selectedMask = null;
			this.requestDraw();
			this.options.onselect?.(null);
			return;
		}
		const [x0, y0] = this.toData(screenBox[0][0], screenBox[0][1]);
		const [x1, y1] = this.toData(screenBox[1][0], screenBox[1][1]);
		this.selectionBox = [
			[x0, y0],
			[x1, y1]
		];
		const minX = Math.min(x0, x1);
		const maxX = Math.max(x0, x1);
		const minY = Math.min(y0, y1);
		const maxY = Math.max(y0, y1);

		const mask = new Uint8Array(this.count).fill(1);
		const selected: number[] = [];
		for (let index = 0; index < this.count; index++) {
			const x = this.coordinates[2 * index];
			const y = this.coordinates[2 * index + 1];
			if (x >= minX && x <= maxX && y >= minY && y <= maxY) {
				mask[index] = 0;
				selected.push(index);
			}
		}
		this.selectedMask = mask;
		this.requestDraw();
		this.options.onselect?.(Int32Array.from(selected));
	}

	/** Moves the brush rectangle to the selection's place after a zoom or resize. */
	private followSelection(): void {
		if (!this.selectionBox) return;
		const view = zoomedView(this.base, this.transform);
		const [[x0, y0], [x1, y1]] = this.selectionBox;
		const left = view.scaleX * Math.min(x0, x1) + view.offsetX;
		const right = view.scaleX * Math.max(x0, x1) + view.offsetX;
		const top = view.scaleY * Math.max(y0, y1) + view.offsetY;
		const bottom = view.scaleY * Math.min(y0, y1) + view.offsetY;
		this.movingBrush = true;
		this.brushLayer.call(this.brush.move, [
			[left, top],
			[right, bottom]
		]);
		this.movingBrush = false;
	}
}
