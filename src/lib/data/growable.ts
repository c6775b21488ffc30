/** Typed-array columns that grow by doubling, so memory follows the rows kept rather than the file size. */

type NumberArray = Int32Array | Float32Array | Float64Array;

export class GrowableColumn<T extends NumberArray> {
	private buffer: T;
	private size = 0;

	constructor(
		private readonly allocate: (capacity: number) => T,
		initialCapacity = 4096
	) {
		this.buffer = allocate(initialCapacity);
	}

	get length(): number {
		return this.size;
	}

	push(value: number): void {
		if (this.size === this.buffer.length) {
			const larger = this.allocate(this.buffer.length * 2);
			larger.set(this.buffer);
			this.buffer = larger;
		}
		this.buffer[this.size] = value;
		this.size++;
	}

	/** Copies the filled part into an array of exact length, releasing the spare capacity. */
	toArray(): T {
		const result = this.allocate(this.size);
		result.set(this.buffer.subarray(0, this.size));
		return result;
	}
}

/** Maps external string ids to dense indices in first-seen order. */
export class IdIndex {
	private readonly indexById = new Map<string, number>();
	readonly ids: string[] = [];

	/** Returns the dense index of `id`, adding it when it is new. */
	indexOf(id: string): number {
		let index = this.indexById.get(id);
		if (index === undefined) {
			index = this.ids.length;
			this.indexById.set(id, index);
			this.ids.push(id);
		}
		return index;
	}
}
