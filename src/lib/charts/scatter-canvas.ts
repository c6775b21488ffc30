/**
 * The pixel work of the cluster map, without the DOM: fitting data
 * coordinates to a view, and drawing many points straight into an RGBA pixel
 * buffer. Writing pixels in a typed array is several times faster than one
 * canvas arc or fillRect call per point, which keeps 100,000 points redrawing
 * within a frame while the user pans and zooms.
 */

/** An affine map from data coordinates to pixels: px = scaleX · x + offsetX (same for y). */
export interface ViewMapping {
	scaleX: number;
	offsetX: number;
	scaleY: number;
	offsetY: number;
}

/** A zoom transform as d3-zoom reports it: screen = k · base + (x, y). */
export interface ZoomState {
	k: number;
	x: number;
	y: number;
}

/**
 * Fits the points' bounding box into a `width` × `height` area with `padding`
 * pixels on each side, with one scale for both axes so distances keep their
 * proportions. The y axis points up, as in a plot.
 */
export function fitView(coordinates: Float32Array, width: number, height: number, padding: number): ViewMapping {
	let minX = Infinity;
	let maxX = -Infinity;
	let minY = Infinity;
	let maxY = -Infinity;
	for (let index = 0; index < coordinates.length; index += 2) {
		const x = coordinates[index];
		const y = coordinates[index + 1];
		if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
		if (x < minX) minX = x;
		if (x > maxX) maxX = x;
		if (y < minY) minY = y;
		if (y > maxY) maxY = y;
	}
	if (minX > maxX) {
		minX = minY = -1;
		maxX = maxY = 1;
	}
	const spanX = Math.max(maxX - minX, 1e-9);
	const spanY = Math.max(maxY - minY, 1e-9);
	const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
	return {
		scaleX: scale,
		offsetX: width / 2 - scale * (minX + maxX) / 2,
		scaleY: -scale,
		offsetY: height / 2 + scale * (minY + maxY) / 2
	};
}

/** Applies a zoom transform and a pixel ratio on top of a base mapping. */
export function zoomedView(base: ViewMapping, zoom: ZoomState, pixelRatio = 1): ViewMapping {
	return {
		scaleX: base.scaleX * zoom.k * pixelRatio,
		offsetX: (base.offsetX * zoom.k + zoom.x) * pixelRatio,
		scaleY: base.scaleY * zoom.k * pixelRatio,
		offsetY: (base.offsetY * zoom.k + zoom.y) * pixelRatio
	};
}

/** Offsets, in pixels, of a filled disc of `radius` pixels: every (dx, dy) with dx² + dy² ≤ radius². */
export function discOffsets(radius: number): Int32Array {
	const reach = Math.floor(radius);
	const offsets: number[] = [];
	for (let dy = -reach; dy <= reach; dy++) {
		for (let dx = -reach; dx <= reach; dx++) if (dx * dx + dy * dy <= radius * radius) offsets.push(dx, dy);
	}
	return Int32Array.from(offsets);
}

export interface RasterOptions {
	view: ViewMapping;
	/** Point radius in pixels. */
	radius: number;
	/** Opacity of a point over what is below it, from 0 to 256 (256 is opaque). */
	alpha: number;
	/** Points to draw, by index; all when absent. Drawn in this order, so later points lie on top. */
	order?: Int32Array;
	/** When set, points with a non-zero entry are drawn in `dimColor` and below the others. */
	dimmed?: Uint8Array | null;
	/** 0xAABBGGRR colour of dimmed points. */
	dimColor?: number;
}

/**
 * Draws points into `pixels` (0xAABBGGRR per pixel, `width` pixels a row),
 * blending each point's colour over what is there. Points outside the buffer are skipped.
 * Returns how many points were drawn.
 */
export function rasterisePoints(pixels: Uint32Array, width: number, height: number, coordinates: Float32Array, colors: Uint32Array, options: RasterOptions): number {
	const { view, alpha, order, dimmed } = options;
	const offsets = discOffsets(options.radius);
	const reach = Math.ceil(options.radius);
	const count = order ? order.length : colors.length;
	const inverse = 256 - alpha;
	let drawn = 0;

	// Two passes when some points are dimmed, so the emphasised ones are drawn on top.
	const passes = dimmed ? [1, 0] : [-1];
	for (const pass of passes) {
		for (let position = 0; position < count; position++) {
			const index = order ? order[position] : position;
			const isDim = dimmed ? dimmed[index] !== 0 : false;
			if (pass === 1 && !isDim) continue;
			if (pass === 0 && isDim) continue;

			const px = Math.round(view.scaleX * coordinates[2 * index] + view.offsetX);
			const py = Math.round(view.scaleY * coordinates[2 * index + 1] + view.offsetY);
			if (!(px >= -reach && px < width + reach && py >= -reach && py < height + reach)) continue;

			const color = isDim ? (options.dimColor ?? 0xffd0d0d0) : colors[index];
			const sourceRedBlue = color & 0xff00ff;
			const sourceGreen = color & 0xff00;
			for (let offset = 0; offset < offsets.length; offset += 2) {
				const x = px + offsets[offset];
				const y = py + offsets[offset + 1];
				if (x < 0 || x >= width || y < 0 || y >= height) continue;
				const at = y * width + x;
				const below = pixels[at];
				// Blends red and blue in one multiply and green in another; alpha stays opaque.
				const redBlue = ((sourceRedBlue * alpha + (below & 0xff00ff) * inverse) >>> 8) & 0xff00ff;
				const green = ((sourceGreen * alpha + (below & 0xff00) * inverse) >>> 8) & 0xff00;
				pixels[at] = (0xff000000 | redBlue | green) >>> 0;
			}
			drawn++;
		}
	}
	return drawn;
}

/** Point radius in CSS pixels for a map of `count` points, smaller as points crowd. */
export function pointRadius(count: number, zoom = 1): number {
	let base = 3.5;
	if (count > 50_000) base = 1.5;
	else if (count > 10_000) base = 2;
	else if (count > 3_000) base = 2.5;
	return base * Math.min(2.5, Math.sqrt(zoom));
}

/**
 * Draws a seeded random sample of `size` indices from 0 … count − 1, in increasing
 * order (a partial Fisher–Yates shuffle with mulberry32). Returns all indices
 * when size ≥ count.
 */
export function sampleIndices(count: number, size: number, seed: number): Int32Array {
	const all = new Int32Array(count);
	for (let index = 0; index < count; index++) all[index] = index;
	if (size >= count) return all;
	let state = seed >>> 0;
	const random = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	for (let index = 0; index < size; index++) {
		const pick = index + Math.floor(random() * (count - index));
		const swap = all[index];
		all[index] = all[pick];
		all[pick] = swap;
	}
	return all.slice(0, size).sort();
}
