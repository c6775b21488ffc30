import type { IdMaps } from '../data/types';

/**
 * A 64-bit FNV-1a hash (as 16 hex digits) of the external ids, in index order,
 * and the interaction count. Two datasets with the same fingerprint map the same
 * ids to the same indices, so a model trained on one can score the other.
 */
export function fingerprintIds(ids: IdMaps, numInteractions: number): string {
	// Two 32-bit FNV-1a lanes with different offsets stand in for one 64-bit hash,
	// because JavaScript bitwise operators work on 32 bits.
	let low = 0x811c9dc5;
	let high = 0x01000193 ^ 0x5bd1e995;
	const feed = (text: string) => {
		for (let i = 0; i < text.length; i++) {
			const code = text.charCodeAt(i);
			low = Math.imul(low ^ code, 0x01000193);
			high = Math.imul(high ^ code, 0x01000193) ^ (low >>> 7);
		}
		low = Math.imul(low ^ 0x1f, 0x01000193);
	};
	feed(`users:${ids.userIds.length}`);
	for (const id of ids.userIds) feed(id);
	feed(`items:${ids.itemIds.length}`);
	for (const id of ids.itemIds) feed(id);
	feed(`interactions:${numInteractions}`);
	const hex = (value: number) => (value >>> 0).toString(16).padStart(8, '0');
	return hex(high) + hex(low);
}
