// @ts-check
// How far Python's start has come, in words: "downloading" with the megabytes while bytes arrive,
// "starting Python" once they are all in (the client's progress events; their `phase`, when the
// client gives one, else told from the bytes).

/**
 * The client's "progress" detail (client.js): bytes of the boot's downloads; `wire`, once every
 * download has started, the bytes on the wire so far and in all; `phase`, where the client
 * says it, whether bytes are still arriving or Python is starting.
 * @typedef {object} Progress
 * @property {number} loaded
 * @property {number | null} total
 * @property {{loaded: number, total: number} | null} [wire]
 * @property {Array<{done: boolean}>} [files] each download, done once all its bytes are in
 * @property {"download" | "start"} [phase]
 */

// Megabytes so far rounded down and in all rounded up: never "3.3 of 3.3" while bytes are missing.
/** @param {number} bytes */
const MB = (bytes) => (Math.ceil(bytes / 1e5) / 10).toFixed(1);
/** @param {number} bytes */
const MB_SO_FAR = (bytes) => (Math.floor(bytes / 1e5) / 10).toFixed(1);

/**
 * Where the boot is: downloading (with the bytes so far and in all, where known) or starting.
 * @param {Progress} progress
 * @returns {{phase: "download" | "start", loaded: number, total: number | null}}
 */
export function bootPhase(progress) {
  const { loaded, total } = progress.wire || { loaded: progress.loaded, total: progress.total };
  // the client's word, else: every byte of every download of the chosen path is in
  const allIn = Boolean(progress.wire) && (progress.files || []).every((f) => f.done);
  const phase = progress.phase || (allIn || (total && loaded >= total) ? "start" : "download");
  return { phase, loaded, total };
}

/**
 * The boot in a few words: "Downloading Python (1.1 of 3.3 MB)", "Starting Python".
 * @param {Progress} progress
 */
export function loadingText(progress) {
  const { phase, loaded, total } = bootPhase(progress);
  if (phase === "start") return "Starting Python";
  if (total) return `Downloading Python (${MB_SO_FAR(loaded)} of ${MB(total)} MB)`;
  return loaded >= 1e5 ? `Downloading Python (${MB_SO_FAR(loaded)} MB so far)` : "Downloading Python";
}

/**
 * The progressbar's numbers: percent of the bytes on the wire (100 once Python is starting)
 * and its spoken value.
 * @param {Progress} progress
 * @returns {{percent: number, text: string} | null} null while the size in all is unknown
 */
export function loadingPercent(progress) {
  const { phase, loaded, total } = bootPhase(progress);
  if (phase === "start") return { percent: 100, text: "Starting Python" };
  if (!total) return null;
  const percent = Math.min(100, Math.floor((100 * loaded) / total));
  return { percent, text: `${percent}% (${MB_SO_FAR(loaded)} of ${MB(total)} MB)` };
}
