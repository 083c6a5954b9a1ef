/**
 * The data set's records, streamed from the gzipped CSV (Node only: the Workers test passes its
 * rows in memory). One call, one fresh pass over the file.
 */
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";

/**
 * @param {string} path a .csv.gz file with a header row
 * @returns {AsyncIterable<Record<string, string>>} records keyed by the header's names
 */
export function csvRows(path) {
  return createReadStream(path)
    .pipe(createGunzip())
    .pipe(parse({ columns: true, relax_quotes: true }));
}
