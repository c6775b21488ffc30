/**
 * Chart export: an <svg> on the page as a standalone .svg file or as a .png
 * at twice its size. Styles that come from CSS (fonts, currentColor on d3
 * axes) are copied inline, because a standalone file does not get the page's
 * stylesheets.
 */

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** Properties that decide how an SVG element looks; everything else keeps its default. */
const INLINED_PROPERTIES = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-opacity',
	'stroke-dasharray',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'text-anchor',
	'dominant-baseline',
	'display',
	'visibility'
];

/** Width and height of the chart in viewBox units, falling back to its size on screen. */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
	const viewBox = svg.viewBox.baseVal;
	if (viewBox && viewBox.width > 0 && viewBox.height > 0) return { width: viewBox.width, height: viewBox.height };
	const box = svg.getBoundingClientRect();
	return { width: Math.max(1, box.width), height: Math.max(1, box.height) };
}

/** Serialises a copy of `svg` with inlined styles, an explicit size and a white background. */
export function serializeSvg(svg: SVGSVGElement): string {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	const originals = [svg, ...svg.querySelectorAll('*')];
	const copies = [copy, ...copy.querySelectorAll('*')];
	originals.forEach((original, index) => {
		const computed = getComputedStyle(original);
		const declarations = INLINED_PROPERTIES.map((property) => `${property}:${computed.getPropertyValue(property)}`).join(';');
		copies[index].setAttribute('style', declarations);
	});

	const { width, height } = svgSize(svg);
	copy.setAttribute('width', String(width));
	copy.setAttribute('height', String(height));
	copy.removeAttribute('class');
	const background = document.createElementNS(SVG_NAMESPACE, 'rect');
	background.setAttribute('width', '100%');
	background.setAttribute('height', '100%');
	background.setAttribute('fill', '#ffffff');
	copy.insertBefore(background, copy.firstChild);

	let text = new XMLSerializer().serializeToString(copy);
	if (!text.includes(`xmlns="${SVG_NAMESPACE}"`)) text = text.replace('<svg', `<svg xmlns="${SVG_NAMESPACE}"`);
	return `<?xml version="1.0" encoding="UTF-8"?>\n${text}`;
}

export function svgBlob(svg: SVGSVGElement): Blob {
	return new Blob([serializeSvg(svg)], { type: 'image/svg+xml;charset=utf-8' });
}

/** Draws the serialised SVG onto a canvas at `scale` times its size and encodes it as PNG. */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
	const { width, height } = svgSize(svg);
	return rasterizeSvg(serializeSvg(svg), width, height, scale);
}

/** Draws SVG text of the given size onto a canvas at `scale` times that size and encodes it as PNG. */
export async function rasterizeSvg(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const context = canvas.getContext('2d');
		if (!context) throw new Error('PNG export failed: this browser gave no 2D canvas context. Download the SVG instead.');
		context.scale(scale, scale);
		context.drawImage(image, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed: the canvas could not be encoded. Download the SVG instead.'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Starts a download of `blob` as `fileName` through a temporary <a download>. */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	// Revoking at once can cancel the download in some browsers, so the URL lives a little longer.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Builds a file name from a chart title: "Rating distribution" becomes "rating-distribution.svg". */
export function chartFileName(title: string, extension: 'svg' | 'png'): string {
	const base = title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return `${base || 'chart'}.${extension}`;
}
