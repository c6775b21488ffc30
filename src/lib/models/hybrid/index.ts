/**
 * Hybrid recommender: blends registered models with weights learned on a
 * validation part carved (seeded) from the training data, and switches cold
 * users and items to a fallback model. Fit:
 *   1. split the training interactions into a fit part and a validation part;
 *   2. fit every component on the fit part and score the validation part;
 *   3. learn the blend (ridge regression, or a search for NDCG@10) and the fallback's calibration;
 *   4. refit every component on all training interactions with the same configs.
 * The spec receives the registry's lookup as a function, so this folder does not import the registry.
 */
import type { FitContext, FittedModel, ModelSpec, TrainData } from '../contract';
import type { Interactions } from '../../data/types';
import { checkModelType } from '../baselines/common';
import { countInteractions } from '../popularity';
import { randomSplit } from '../../eval/split';
import { mulberry32 } from '../../eval/random';
import { throwIfAborted } from '../../eval/schedule';
import { searchRankBlend, solveRidge, type Blend, type RankingCase } from './blend';
import { hybridHyperParameters, hybridType, parseComponentIds, resolveHybridConfig, type HybridConfig } from './config';
import { HybridModel, restoreHybrid, type HybridComponent } from './model';

/** Validation users the ranking blend scores at most; a seeded sample beyond that keeps the search fast. */
const maxRankingUsers = 300;

export function createHybridSpec(specOf: (id: string) => ModelSpec): ModelSpec {
	return {
		id: hybridType,
		label: 'Hybrid',
		description:
			'Blends several models with weights learned on held-out training data, and gives users and items with few interactions a fallback model’s score. Shows each model’s share of every score.',
		supports: ['explicit', 'implicit'],
		// NOTE: the ridge blend on explicit data predicts ratings; the rank blend and implicit data give ranking scores only.
		predictsRatings: true,
		hyperParameters: hybridHyperParameters,

		async fit(data, config, context) {
			const settings = resolveHybridConfig(config);
			const plan = planComponents(data, settings, specOf);
			return fitHybrid(data, settings, plan, context);
		},

		async load(saved) {
			checkModelType(saved, hybridType);
			const settings = resolveHybridConfig(saved.config);
			return restoreHybrid(saved, { ...settings }, specOf);
		}
	};
}

interface ComponentPlan {
	/** Blended components first, then the fallback when it is not one of them. */
	specs: ModelSpec[];
	blendedCount: number;
	fallbackIndex: number;
}

/** Resolves the component ids, leaving out models the data cannot train, and places the fallback. */
function planComponents(data: TrainData, settings: HybridConfig, specOf: (id: string) => ModelSpec): ComponentPlan {
	const usable = (spec: ModelSpec) => spec.supports.includes(data.kind) && (!spec.requiresItemMetadata || Boolean(data.items));
	const requested = parseComponentIds(settings.components).map((id) => {
		if (id === hybridType) throw new Error("invalid components: a hybrid cannot contain 'hybrid'");
		return specOf(id);
	});
	const specs = requested.filter(usable);
	if (specs.length === 0) {
		throw new Error(`none of the components '${settings.components}' can train on this ${data.kind} dataset: choose other components`);
	}
	const blendedCount = specs.length;

	const fallbackSpec = settings.coldFallback === 'content' && usable(specOf('content')) ? specOf('content') : specOf('popularity');
	let fallbackIndex = specs.findIndex((spec) => spec.id === fallbackSpec.id);
	if (fallbackIndex < 0) {
		specs.push(fallbackSpec);
		fallbackIndex = specs.length - 1;
	}
	return { specs, blendedCount, fallbackIndex };
}

async function fitComponents(specs: ModelSpec[], data: TrainData, context: FitContext, stage: string): Promise<FittedModel[]> {
	const models: FittedModel[] = [];
	try {
		for (const [index, spec] of specs.entries()) {
			throwIfAborted(context.signal);
			const phase = `${stage}: ${spec.label} (${index + 1} of ${specs.length})`;
			models.push(
				await spec.fit(data, {}, { ...context, onProgress: (progress) => context.onProgress?.({ ...progress, phase: `${phase}, ${progress.phase}` }) })
			);
		}
		return models;
	} catch (error) {
		for (const model of models) model.dispose();
		throw error;
	}
}

async function fitHybrid(data: TrainData, settings: HybridConfig, plan: ComponentPlan, context: FitContext): Promise<HybridModel> {
	const { interactions } = data;
	const { train: fitPart, test: validation } = randomSplit(interactions, settings.validationFraction, context.seed);

	// Steps 2 and 3: weights from the components fitted without the validation part.
	const partial = await fitComponents(plan.specs, { ...data, interactions: fitPart }, context, 'validation fit');
	let blend: Blend;
	let fallback: { intercept: number; weight: number };
	try {
		if (settings.blend === 'rank') {
			const cases = await rankingCases(partial, fitPart, validation, context.seed);
			const onlyScores = (indices: number[]) => cases.map((entry) => ({ ...entry, scores: indices.map((index) => entry.scores[index]) }));
			const blendedIndices = Array.from({ length: plan.blendedCount }, (_, index) => index);
			blend = searchRankBlend(onlyScores(blendedIndices), plan.blendedCount);
			const alone = searchRankBlend(onlyScores([plan.fallbackIndex]), 1);
			fallback = { intercept: alone.intercept, weight: alone.weights[0] };
		} else {
			const rows = regressionRows(validation, data.kind === 'implicit', fitPart, context.seed);
			const features = await scoreRows(partial, rows);
			blend = solveRidge(features.slice(0, plan.blendedCount), rows.targets, settings.ridgeLambda);
			const alone = solveRidge([features[plan.fallbackIndex]], rows.targets, settings.ridgeLambda);
			fallback = { intercept: alone.intercept, weight: alone.weights[0] };
		}
	} finally {
		for (const model of partial) model.dispose();
	}

	// Step 4: the same components, refitted on all training interactions.
	const models = await fitComponents(plan.specs, data, context, 'final fit');
	const components: HybridComponent[] = models.map((model, index) => ({ id: plan.specs[index].id, model }));
	return new HybridModel(
		{ ...settings },
		{
			components,
			blendedCount: plan.blendedCount,
			blend: { intercept: Math.fround(blend.intercept), weights: blend.weights.map(Math.fround) },
			fallbackIndex: plan.fallbackIndex,
			fallback: { intercept: Math.fround(fallback.intercept), weight: Math.fround(fallback.weight) },
			userCounts: countByUser(interactions),
			itemCounts: countInteractions(interactions)
		}
	);
}

function countByUser(interactions: Interactions): Int32Array {
	const counts = new Int32Array(interactions.numUsers);
	for (const user of interactions.users) counts[user]++;
	return counts;
}

interface RegressionRows {
	users: Int32Array;
	items: Int32Array;
	targets: Float64Array;
}

/**
 * Validation rows with their targets: the ratings (explicit data), or 1 for each
 * validation interaction plus as many seeded pairs the user has no interaction with, at 0 (implicit data).
 */
function regressionRows(validation: Interactions, implicit: boolean, fitPart: Interactions, seed: number): RegressionRows {
	if (!implicit) {
		return { users: validation.users, items: validation.items, targets: Float64Array.from(validation.values) };
	}
	const seen = new Set<number>();
	const key = (user: number, item: number) => user * validation.numItems + item;
	for (const part of [fitPart, validation]) part.users.forEach((user, row) => seen.add(key(user, part.items[row])));

	const random = mulberry32(seed ^ 0x5bd1e995);
	const users: number[] = [];
	const items: number[] = [];
	const targets: number[] = [];
	validation.users.forEach((user, row) => {
		users.push(user);
		items.push(validation.items[row]);
		targets.push(1);
		// A few tries to find a pair the user has no interaction with; a user who has nearly every item gets no negative.
		for (let attempt = 0; attempt < 20; attempt++) {
			const item = Math.floor(random() * validation.numItems);
			if (seen.has(key(user, item))) continue;
			users.push(user);
			items.push(item);
			targets.push(0);
			break;
		}
	});
	return { users: Int32Array.from(users), items: Int32Array.from(items), targets: Float64Array.from(targets) };
}

/** Scores every row with each model, user by user. */
async function scoreRows(models: FittedModel[], rows: RegressionRows): Promise<Float64Array[]> {
	const byUser = new Map<number, number[]>();
	rows.users.forEach((user, row) => {
		const list = byUser.get(user);
		if (list) list.push(row);
		else byUser.set(user, [row]);
	});
	const features = models.map(() => new Float64Array(rows.users.length));
	for (const [user, userRows] of byUser) {
		const items = Int32Array.from(userRows, (row) => rows.items[row]);
		for (const [index, model] of models.entries()) {
			const scores = await model.score(user, items);
			userRows.forEach((row, position) => (features[index][row] = scores[position]));
		}
	}
	return features;
}

/** Ranking cases for up to {@link maxRankingUsers} validation users: all items outside the user's fit part are candidates. */
async function rankingCases(models: FittedModel[], fitPart: Interactions, validation: Interactions, seed: number): Promise<RankingCase[]> {
	const relevantByUser = new Map<number, Set<number>>();
	validation.users.forEach((user, row) => {
		const set = relevantByUser.get(user) ?? new Set<number>();
		set.add(validation.items[row]);
		relevantByUser.set(user, set);
	});
	const fitItems = new Map<number, Set<number>>();
	fitPart.users.forEach((user, row) => {
		if (!relevantByUser.has(user)) return;
		const set = fitItems.get(user) ?? new Set<number>();
		set.add(fitPart.items[row]);
		fitItems.set(user, set);
	});

	let users = [...relevantByUser.keys()].sort((a, b) => a - b);
	if (users.length > maxRankingUsers) {
		const random = mulberry32(seed ^ 0x2545f491);
		for (let index = users.length - 1; index > 0; index--) {
			const swap = Math.floor(random() * (index + 1));
			[users[index], users[swap]] = [users[swap], users[index]];
		}
		users = users.slice(0, maxRankingUsers).sort((a, b) => a - b);
	}

	const cases: RankingCase[] = [];
	for (const user of users) {
		const excluded = fitItems.get(user) ?? new Set<number>();
		const candidates: number[] = [];
		for (let item = 0; item < validation.numItems; item++) if (!excluded.has(item)) candidates.push(item);
		const candidateItems = Int32Array.from(candidates);
		const scores: Float32Array[] = [];
		for (const model of models) scores.push(await model.score(user, candidateItems));
		cases.push({ scores, candidates: candidateItems, relevant: relevantByUser.get(user) ?? new Set() });
	}
	return cases;
}
