/** Typed-array columns and id maps that grow with the rows kept, so memory follows the rows rather than the file size. */

type NumberArray = Int32Array | Float32Array | Float64Array;

/** Growth factor once the reserved capacity is full: lower than doubling, so the peak during a copy stays near 2.25× one column. */
const GROWTH = 1.5;

/** Spare capacity up to this share is kept by `toArray` instead of copying the column once more. */
const MAX_SPARE_SHARE = 1 / 8;

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
		if (this.size === this.buffer.length) this.resize(Math.ceil(this.buffer.length * GROWTH) + 16);
		this.buffer[this.size] = value;
		this.size++;
	}

	/** Grows the capacity to at least `capacity` now, so a caller that can estimate the final length avoids repeated growth. */
	reserve(capacity: number): void {
		if (capacity > this.buffer.length) this.resize(capacity);
	}

	/**
	 * Returns the filled part. A column with little spare capacity is returned as
	 * a view on its buffer, because a copy would need the memory of both at once.
	 * Otherwise it is copied into an exact-length array and the spare capacity is released.
	 */
	toArray(): T {
		if (this.buffer.length - this.size <= this.buffer.length * MAX_SPARE_SHARE) {
			return this.buffer.subarray(0, this.size) as T;
		}
		const result = this.allocate(this.size);
		result.set(this.buffer.subarray(0, this.size));
		return result;
	}

	/** Returns the filled part as a view on the buffer, valid until the next push. */
	view(): T {
		return this.buffer.subarray(0, this.size) as T;
	}

	private resize(capacity: number): void {
		const larger = this.allocate(capacity);
		larger.set(this.buffer.subarray(0, this.size));
		this.buffer = larger;
	}
}

/** Numeric ids below this are looked up in a typed array of at most 16 MiB (4 bytes per possible id). Larger ones use a Map. */
const ID_TABLE_LIMIT = 1 << 22;

/** Maps external string ids to dense indices in first-seen order. */
export class IdIndex {
	private readonly indexById = new Map<string, number>();
	/** Dense index + 1 per numeric id below ID_TABLE_LIMIT, 0 when not seen yet. */
	private numericTable = new Int32Array(0);
	private readonly indexByLargeNumber = new Map<number, number>();
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

	/**
	 * Returns the dense index of a numeric id, adding it when it is new. The caller
	 * guarantees that `String(id)` is the id's text exactly: a non-negative integer
	 * below 2^53 written without leading zeros. The id then shares its index with
	 * the same text passed to `indexOf`, and its string is created only once.
	 */
	indexOfNumber(id: number): number {
		if (id < ID_TABLE_LIMIT) {
			if (id < this.numericTable.length) {
				const stored = this.numericTable[id];
				if (stored !== 0) return stored - 1;
			} else {
				this.growTable(id);
			}
			const index = this.indexOf(String(id));
			this.numericTable[id] = index + 1;
			return index;
		}

		let index = this.indexByLargeNumber.get(id);
		if (index === undefined) {
			index = this.indexOf(String(id));
			this.indexByLargeNumber.set(id, index);
		}
		return index;
	}

	private growTable(id: number): void {
		const larger = new Int32Array(Math.min(ID_TABLE_LIMIT, Math.max(id + 1, this.numericTable.length * 2, 1024)));
		larger.set(this.numericTable);
		this.numericTable = larger;
	}
}

/**
 * The 1-based file line of each kept row, stored as the rows where the gap
 * between line and row index changes. A file whose rows follow each other line
 * by line needs one entry, and each dropped row, empty line or multi-line field
 * adds at most one. A line number per row would cost 4 bytes per interaction.
 */
export class RowLines {
	private readonly startRows = new GrowableColumn((capacity) => new Int32Array(capacity), 64);
	private readonly offsets = new GrowableColumn((capacity) => new Int32Array(capacity), 64);
	private lastOffset = Number.NaN;
	private lastRow = -1;

	/** Records the line of `row`; rows must be recorded in increasing order. */
	record(row: number, line: number): void {
		const offset = line - row;
		if (offset !== this.lastOffset) {
			this.startRows.push(row);
			this.offsets.push(offset);
			this.lastOffset = offset;
		}
		this.lastRow = row;
	}

	/** Returns the line of a recorded row, or 0 for a row that was never recorded. */
	lineOf(row: number): number {
		if (row < 0 || row > this.lastRow) return 0;
		const starts = this.startRows.view();
		let low = 0;
		let high = starts.length - 1;
		while (low < high) {
			const middle = (low + high + 1) >>> 1;
			if (starts[middle] <= row) low = middle;
			else high = middle - 1;
		}
		return row + this.offsets.view()[low];
	}
}
