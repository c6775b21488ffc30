import { describe, expect, it } from 'vitest';
import { discOffsets, fitView, rasterisePoints, sampleIndices, zoomedView } from './scatter-canvas';

describe('fitView', () => {
	it('maps the bounding box into the padded area with y up', () => {
		const view = fitView(Float32Array.from([0, 0, 10, 5]), 120, 120, 10);
		expect(view.scaleX).toBe(10);
		expect(view.scaleY).toBe(-10);
		expect(view.scaleX * 0 + view.offsetX).toBe(10);
		expect(view.scaleX * 10 + view.offsetX).toBe(110);
		// The lower y value sits lower on screen.
		expect(view.scaleY * 0 + view.offsetY).toBeGreaterThan(view.scaleY * 5 + view.offsetY);
	});

	it('ignores NaN coordinates', () => {
		const view = fitView(Float32Array.from([0, 0, Number.NaN, 99, 2, 2]), 100, 100, 0);
		expect(view.scaleX).toBe(50);
	});
});

describe('zoomedView', () => {
	it('applies scale and translation after the base mapping', () => {
		const view = zoomedView({ scaleX: 2, offsetX: 1, scaleY: -2, offsetY: 3 }, { k: 3, x: 10, y: 20 });
		expect(view).toEqual({ scaleX: 6, offsetX: 13, scaleY: -6, offsetY: 29 });
	});
});

describe('discOffsets', () => {
	it('covers a 3 × 3 block at radius 1.5', () => {
		expect(discOffsets(1.5).length / 2).toBe(9);
	});

	it('covers a plus sign at radius 1', () => {
		expect(discOffsets(1).length / 2).toBe(5);
	});
});

describe('rasterisePoints', () => {
	const white = 0xffffffff;
	const red = 0xff0000ff;

	it('paints an opaque point at its pixel', () => {
		const pixels = new Uint32Array(25).fill(white);
		const drawn = rasterisePoints(pixels, 5, 5, Float32Array.from([2, 2]), Uint32Array.from([red]), {
			view: { scaleX: 1, offsetX: 0, scaleY: 1, offsetY: 0 },
			radius: 0.5,
			alpha: 256
		});
		expect(drawn).toBe(1);
		expect(pixels[2 * 5 + 2]).toBe(red);
		expect(pixels.filter((pixel) => pixel === white).length).toBe(24);
	});

	it('blends a translucent point over white', () => {
		const pixels = new Uint32Array(1).fill(white);
		rasterisePoints(pixels, 1, 1, Float32Array.from([0, 0]), Uint32Array.from([red]), { view: { scaleX: 1, offsetX: 0, scaleY: 1, offsetY: 0 }, radius: 0.5, alpha: 128 });
		expect(pixels[0] & 0xff).toBe(255);
		expect((pixels[0] >>> 8) & 0xff).toBe(127);
		expect((pixels[0] >>> 24) & 0xff).toBe(255);
	});

	it('skips points outside the buffer', () => {
		const pixels = new Uint32Array(4).fill(white);
		const drawn = rasterisePoints(pixels, 2, 2, Float32Array.from([50, 50]), Uint32Array.from([red]), { view: { scaleX: 1, offsetX: 0, scaleY: 1, offsetY: 0 }, radius: 1, alpha: 256 });
		expect(drawn).toBe(0);
		expect([...pixels]).toEqual([white, white, white, white]);
	});

	it('draws emphasised points over dimmed ones', () => {
		const pixels = new Uint32Array(1).fill(white);
		const blue = 0xffff0000;
		// Point 0 is emphasised and point 1 dimmed, at the same pixel; the emphasised one must win.
		rasterisePoints(pixels, 1, 1, Float32Array.from([0, 0, 0, 0]), Uint32Array.from([red, blue]), {
			view: { scaleX: 1, offsetX: 0, scaleY: 1, offsetY: 0 },
			radius: 0.5,
			alpha: 256,
			dimmed: Uint8Array.from([0, 1]),
			dimColor: 0xff808080
		});
		expect(pixels[0]).toBe(red);
	});
});

describe('sampleIndices', () => {
	it('returns every index when the sample is not smaller', () => {
		expect([...sampleIndices(4, 10, 1)]).toEqual([0, 1, 2, 3]);
	});

	it('returns distinct sorted indices, the same for the same seed', () => {
		const first = sampleIndices(1000, 50, 7);
		expect(new Set(first).size).toBe(50);
		expect([...first]).toEqual([...first].sort((a, b) => a - b));
		expect([...sampleIndices(1000, 50, 7)]).toEqual([...first]);
	});
});
