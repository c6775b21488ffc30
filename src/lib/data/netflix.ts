/**
 * Reader for the Netflix Prize layout: a `MovieID:` line starts a block, and
 * each following `CustomerID,Rating,Date` row rates that movie.
 */
import type { ParseOptions } from './types';
import type { LayoutReader, LogicalRowSink } from './parse-ratings';

/** Logical columns of a Netflix row, in the order the default mapping uses. */
export const NETFLIX_COLUMNS = ['user', 'movie', 'rating', 'date'];

const MOVIE_LINE_PATTERN = /^\s*([^\s,:]+)\s*:\s*$/;

/** Returns the movie id of a `MovieID:` line, or null for other rows. */
export function netflixMovieId(fields: string[]): string | null {
	if (fields.length !== 1) return null;
	const match = MOVIE_LINE_PATTERN.exec(fields[0]);
	return match === null ? null : match[1];
}

/** Creates the reader that turns each rating row into `[user, movie, rating, date]`. */
export function createNetflixReader(options: ParseOptions, sink: LogicalRowSink): LayoutReader {
	let movie: string | null = null;

	return {
		columnNames: NETFLIX_COLUMNS,
		onRow(fields, line) {
			const movieId = netflixMovieId(fields);
			if (movieId !== null) {
				movie = movieId;
				return;
			}
			const raw = fields.join(options.delimiter);
			if (movie === null) {
				sink.drop('row before the first "MovieID:" line', line, raw);
				return;
			}
			// A row with other than three fields becomes a logical row of the wrong width and is counted as ragged.
			sink.accept([fields[0], movie, ...fields.slice(1)], line, raw);
		}
	};
}
