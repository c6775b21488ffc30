/**
 * Evaluation protocols: a serialisable description of how to split, applied to
 * interactions with a leakage check, and a one-line label for result tables.
 */
import type { Interactions } from '../data/types';
import { checkTemporalLeakage, type LeakageReport } from './leakage';
import { kFold, leaveLastOut, perUserHoldout, predefinedSplit, randomSplit, temporalSplit, type Split } from './split';

/** How to split interactions into training and test data. Plain data, so it can cross to a worker and be stored. */
export type SplitProtocol =
	/** Uniform random holdout of `testFraction` (0..1) of all interactions. */
	| { kind: 'random'; testFraction: number; seed: number }
	/** k-fold cross-validation over interactions; `folds` is k (2 or more). */
	| { kind: 'k-fold'; folds: number; seed: number }
	/** Per-user holdout: `testShare` below 1 is a fraction of each user's interactions, 1 or more a count. */
	| { kind: 'per-user'; testShare: number; seed: number }
	/** Global temporal split: the latest `testFraction` of interactions by time are the test set. */
	| { kind: 'temporal'; testFraction: number }
	/** Each user's latest interaction by time is the test set (users with at least two). */
	| { kind: 'leave-last-out' }
	/** Rows chosen by the caller, such as two files parsed into one id space. `label` names it in tables. */
	| { kind: 'predefined'; trainRows: Int32Array; testRows: Int32Array; label?: string };

export interface ProtocolFold extends Split {
	/** 'fold 1' … for k-fold, else 'all'. */
	name: string;
	leakage: LeakageReport;
}

export interface ProtocolResult {
	label: string;
	folds: ProtocolFold[];
	/** Problems that make the results misleading, such as a temporal protocol whose test data precedes training data. */
	warnings: string[];
	/** Facts worth showing beside the results, such as temporal overlap in a random split or users left without a test set. */
	notes: string[];
}

/** True for protocols that promise training data never follows a user's test data in time. */
export function isTemporalProtocol(protocol: SplitProtocol): boolean {
	return protocol.kind === 'temporal' || protocol.kind === 'leave-last-out';
}

/** One-line label of a protocol for tables, such as "random 80/20 split (seed 42)". */
export function describeProtocol(protocol: SplitProtocol): string {
	switch (protocol.kind) {
		case 'random': {
			const testPercent = Math.round(protocol.testFraction * 100);
			return `random ${100 - testPercent}/${testPercent} split (seed ${protocol.seed})`;
		}
		case 'k-fold':
			return `${protocol.folds}-fold cross-validation (seed ${protocol.seed})`;
		case 'per-user':
			return protocol.testShare < 1
				? `per-user holdout of ${Math.round(protocol.testShare * 100)}% of each user's interactions (seed ${protocol.seed})`
				: `per-user holdout of ${protocol.testShare} interaction${protocol.testShare === 1 ? '' : 's'} per user (seed ${protocol.seed})`;
		case 'temporal':
			return `temporal split: latest ${Math.round(protocol.testFraction * 100)}% of interactions by time`;
		case 'leave-last-out':
			return 'leave-last-out: each user\'s latest interaction by time';
		case 'predefined':
			return protocol.label ?? 'predefined train/test split';
	}
}

function splitsOf(interactions: Interactions, protocol: SplitProtocol): { name: string; split: Split }[] {
	switch (protocol.kind) {
		case 'random':
			return [{ name: 'all', split: randomSplit(interactions, protocol.testFraction, protocol.seed) }];
		case 'k-fold':
			return kFold(interactions, protocol.folds, protocol.seed).map((split, fold) => ({ name: `fold ${fold + 1}`, split }));
		case 'per-user':
			return [{ name: 'all', split: perUserHoldout(interactions, protocol.testShare, protocol.seed) }];
		case 'temporal':
			return [{ name: 'all', split: temporalSplit(interactions, protocol.testFraction) }];
		case 'leave-last-out':
			return [{ name: 'all', split: leaveLastOut(interactions) }];
		case 'predefined':
			return [{ name: 'all', split: predefinedSplit(interactions, protocol.trainRows, protocol.testRows) }];
	}
}

function usersWithoutTest(split: Split): number {
	const hasTest = new Uint8Array(split.test.numUsers);
	for (const user of split.test.users) hasTest[user] = 1;
	const hasTrain = new Uint8Array(split.train.numUsers);
	for (const user of split.train.users) hasTrain[user] = 1;
	let count = 0;
	for (let user = 0; user < hasTrain.length; user++) if (hasTrain[user] === 1 && hasTest[user] === 0) count++;
	return count;
}

/**
 * Splits `interactions` as `protocol` describes and checks each fold for
 * temporal leakage (see {@link assessFolds}).
 */
export function applyProtocol(interactions: Interactions, protocol: SplitProtocol): ProtocolResult {
	return assessFolds(protocol, splitsOf(interactions, protocol));
}

/**
 * Checks folds made for `protocol` for temporal leakage. A temporal protocol
 * whose folds leak gets a warning, which correct splits never trigger; for
 * other protocols the count is only a note. Exported so the guard can be tested
 * on hand-made splits.
 */
export function assessFolds(protocol: SplitProtocol, splits: { name: string; split: Split }[]): ProtocolResult {
	const warnings: string[] = [];
	const notes: string[] = [];
	const folds: ProtocolFold[] = [];

	for (const { name, split } of splits) {
		const leakage = checkTemporalLeakage(split.train, split.test);
		folds.push({ name, ...split, leakage });
		const where = name === 'all' ? '' : ` in ${name}`;
		if (leakage.leakyUsers > 0) {
			const fact = `${leakage.leakyUsers} of ${leakage.usersCompared} users have a test interaction earlier than one of their training interactions${where}`;
			if (isTemporalProtocol(protocol)) warnings.push(`temporal leakage: ${fact}, which a temporal protocol should rule out`);
			else notes.push(`${fact}: this protocol ignores time, so models may train on a user's future`);
		}
		const untested = usersWithoutTest(split);
		if (untested > 0 && (protocol.kind === 'per-user' || protocol.kind === 'leave-last-out')) {
			notes.push(`${untested} ${untested === 1 ? 'user with fewer than 2 interactions stays' : 'users with fewer than 2 interactions stay'} in training only${where}`);
		}
	}
	return { label: describeProtocol(protocol), folds, warnings, notes };
}
