// @ts-check
// The link meter: how fast the boot's downloads arrive, read from the bytes on the wire of every
// download so far (downloads.js) over the time since the first of them was asked for (not since
// its response came: a busy thread sees a response late, with bytes already waiting, which read
// as a burst); with how late this thread ran its polls (a busy or slow processor reads the bytes
// late, so that a short reading makes the link look slower than it is).

/** @typedef {import("./boot-state.js").BootState} BootState */
/**
 * One reading of the link: bits per second; `measured` false when no response came to tell;
 * `busy` when this thread ran its polls BUSY_LAG_MS late on average (a short reading is then
 * not to be trusted).
 * @typedef {{bps: number, measured: boolean, busy: boolean}} Reading
 */

const LINK_SAMPLE = 512 * 1024; // bytes on the wire: enough to judge a slow link
const LINK_WAIT_MS = 3000; // a link this slow to send them is slow (whatever came by then is measured)
const POLL_MS = 5;
const BUSY_LAG_MS = 20;

/**
 * The bytes on the wire so far (each download's Content-Length in proportion to its decoded
 * bytes), when the first download was asked for and when the first response came, and whether
 * every download is complete, `main` among them.
 * @param {BootState} state
 * @param {string} main
 */
function onWire(state, main) {
  let bytes = 0;
  let asked = Infinity;
  let first = Infinity;
  let done = state.progress.downloads.has(main);
  for (const file of state.progress.downloads.values()) {
    asked = Math.min(asked, file.requested);
    first = Math.min(first, file.since);
    done = done && file.done;
    const share = file.total ? Math.min(1, file.loaded / file.total) : file.done ? 1 : 0;
    bytes += share * (file.wire || file.loaded);
  }
  return { bytes, asked, first, done };
}

/**
 * Read the link's speed, polling every POLL_MS. Decided at once when the bytes show at least
 * `fastBps` (over an eighth of LINK_SAMPLE), else `judgeMs` after the first response or once
 * LINK_SAMPLE bytes are in, whichever comes first, once every download is complete (`main`, the
 * wasm's, among them), or after LINK_WAIT_MS. The reading is kept in the boot report's steps (linkMbps, -1 when
 * nothing arrived; linkLagMs).
 * @param {BootState} state
 * @param {{fastBps: number, judgeMs: number, main: string}} rule
 * @returns {Promise<Reading>}
 */
export function readLink(state, { fastBps, judgeMs, main }) {
  return new Promise((resolve) => {
    const started = performance.now();
    let last = started;
    let lag = 0; // how late this thread ran the polls, in all
    let polls = 0;
    const poll = setInterval(() => {
      const now = performance.now();
      lag += Math.max(0, now - last - POLL_MS);
      last = now;
      polls += 1;
      const { bytes, asked, first, done } = onWire(state, main);
      const bps = (8 * bytes * 1000) / Math.max(now - asked, 1);
      const fast = bytes >= LINK_SAMPLE / 8 && bps >= fastBps;
      const enough = now - first >= judgeMs || bytes >= LINK_SAMPLE;
      if (!fast && !enough && !done && now - started < LINK_WAIT_MS) return;
      clearInterval(poll);
      const measured = first !== Infinity; // a response came (its bytes may still be none: a slow link)
      const steps = state.progress.steps;
      steps.linkMbps = measured ? Math.round(bps / 1e5) / 10 : -1;
      steps.linkLagMs = Math.round(lag / polls);
      resolve({ bps: measured ? bps : 0, measured, busy: lag / polls > BUSY_LAG_MS });
    }, POLL_MS);
  });
}
