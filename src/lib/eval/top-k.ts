/** Top-k selection over a dense score array, without sorting every item. */

/**
 * Returns the indices of the k highest scores, best first; ties go to the
 * lower index and NaN ranks last. Items for which `isExcluded` returns true
 * are skipped. Cost is about n × log k.
 */
export function topK(scores: ArrayLike<number>, k: number, isExcluded?: (item: number) => boolean): Int32Array {
	const limit = Math.max(0, Math.min(Math.floor(k), scores.length));
	// A min-heap of the best `limit` items so far; its root is the weakest kept item.
	const heap = new Int32Array(limit);
	let size = 0;

	const value = (item: number) => {
		const score = scores[item];
		return Number.isNaN(score) ? -Infinity : score;
	};
	// True when item a ranks below item b.
	const worse = (a: number, b: number) => value(a) < value(b) || (value(a) === value(b) && a > b);

	const siftDown = (start: number) => {
		let parent = start;
		for (;;) {
			const left = 2 * parent + 1;
			const right = left + 1;
			let weakest = parent;
			if (left < size && worse(heap[left], heap[weakest])) weakest = left;
			if (right < size && worse(heap[right], heap[weakest])) weakest = right;
			if (weakest === parent) return;
			const swap = heap[parent];
			heap[parent] = heap[weakest];
			heap[weakest] = swap;
			parent = weakest;
		}
	};

	for (let item = 0; item < scores.length && limit > 0; item++) {
		if (isExcluded?.(item)) continue;
		if (size < limit) {
			heap[size] = item;
			size++;
			let child = size - 1;
			while (child > 0) {
				const parent = (child - 1) >> 1;
				if (!worse(heap[child], heap[parent])) break;
				const swap = heap[parent];
				heap[parent] = heap[child];
				heap[child] = swap;
				child = parent;
			}
		} else if (worse(heap[0], item)) {
			heap[0] = item;
			siftDown(0);
		}
	}

	const result = Array.from(heap.subarray(0, size));
	result.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
	return Int32Array.from(result);
}
