// @ts-check
// The packed memory snapshot: its format, described here once, and its decoder.
//
// The build (tools/runtime.py, pack_snapshot) takes Pyodide's memory snapshot (made in Node
// after the calculators are imported), cuts it into blocks of BLOCK_SIZE bytes and keeps only
// those the browser cannot rebuild: all-zero blocks are dropped, and so are the blocks still
// equal to the wasm's own data segments, which the decoder copies from the freshly instantiated
// wasm memory (memory offset = snapshot offset - base). The file is gzipped; a host that sends
// it with Content-Encoding: gzip has inflated it already (so has the offline copy).
//
//   offset  size        field
//   0       8           MAGIC, ASCII
//   8       4           total: length of the full snapshot in bytes
//   12      4           size: block size in bytes (the last block may be shorter)
//   16      4           base: where the wasm memory starts in the snapshot (Pyodide's header length)
//   20      4           n: number of blocks stored in this file
//   24      4           m: number of blocks equal to the wasm's data segments
//   28      4 * n       indices of the stored blocks, in file order
//   28+4n   4 * m       indices of the blocks to copy from the wasm memory
//   28+4(n+m) ...       the n stored blocks
// Every number is an unsigned 32-bit little-endian integer. Blocks listed nowhere are zeros.

export const MAGIC = "AODSNAP2";
export const HEADER_BYTES = 28; // bytes before the block indices
const HEADER_WORDS = 5; // total, size, base, n, m
const GZIP = [0x1f, 0x8b];

/**
 * The header, read.
 * @typedef {object} Header
 * @property {number} total
 * @property {number} size
 * @property {number} base
 * @property {number[]} blocks indices of the stored blocks
 * @property {number[]} fromWasm indices of the blocks to copy from the wasm memory
 */

/**
 * @param {ReadableStream<Uint8Array>} stream
 * @returns {AsyncGenerator<Uint8Array>}
 */
async function* chunks(stream) {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

// The body's bytes, inflated if the file arrived still gzipped.
/**
 * @param {Response} response
 * @returns {AsyncGenerator<Uint8Array>}
 */
async function* inflated(response) {
  if (!response.body) throw new Error("snapshot: no body");
  const source = chunks(response.body);
  const first = await source.next();
  if (first.done) throw new Error("snapshot: empty file");
  const head = first.value;
  if (!(head.length >= 2 && head[0] === GZIP[0] && head[1] === GZIP[1])) {
    yield head;
    yield* source;
    return;
  }
  const gunzip = new DecompressionStream("gzip");
  const writer = /** @type {WritableStreamDefaultWriter<Uint8Array>} */ (gunzip.writable.getWriter());
  (async () => {
    try {
      await writer.write(head);
      for await (const chunk of source) await writer.write(chunk);
      await writer.close();
    } catch (err) {
      writer.abort(err).catch(() => {});
    }
  })();
  yield* chunks(/** @type {ReadableStream<Uint8Array>} */ (gunzip.readable));
}

// Rebuild the full snapshot while it streams in: each block goes straight to its place.
// `sized(out, header)` is called with the full-size (still mostly empty) array once the header
// is read; the blocks from the wasm are added later by fillFromWasm.
/**
 * @param {Response} response
 * @param {(out: Uint8Array, header: Header) => void} sized
 * @returns {Promise<Uint8Array>}
 */
export async function unpack(response, sized = () => {}) {
  /** @type {Header | null} */
  let header = null;
  let pending = new Uint8Array(0); // bytes of the header not parsed yet
  let out = new Uint8Array(0); // the full snapshot, once the header says how long
  let block = 0; // index into header.blocks
  let offset = 0; // bytes written into the current block
  /** @type {(bytes: Uint8Array, at: number, n: number) => DataView} n little-endian words from `at` */
  const words = (bytes, at, n) => new DataView(bytes.buffer, bytes.byteOffset + at, 4 * n);
  for await (let chunk of inflated(response)) {
    if (!header) {
      const joined = new Uint8Array(pending.length + chunk.length);
      joined.set(pending); joined.set(chunk, pending.length);
      if (joined.length < HEADER_BYTES) { pending = joined; continue; }
      if (new TextDecoder().decode(joined.subarray(0, MAGIC.length)) !== MAGIC) throw new Error("snapshot: bad magic");
      const v = words(joined, MAGIC.length, HEADER_WORDS);
      const [total, size, base, n, m] = [0, 1, 2, 3, 4].map((k) => v.getUint32(4 * k, true));
      if (joined.length < HEADER_BYTES + 4 * (n + m)) { pending = joined; continue; }
      const list = words(joined, HEADER_BYTES, n + m);
      const indices = Array.from({ length: n + m }, (_, i) => list.getUint32(4 * i, true));
      header = { total, size, base, blocks: indices.slice(0, n), fromWasm: indices.slice(n) };
      out = new Uint8Array(total);
      sized(out, header);
      chunk = joined.subarray(HEADER_BYTES + 4 * (n + m));
    }
    let at = 0;
    while (at < chunk.length) {
      if (block >= header.blocks.length) throw new Error("snapshot: longer than its header says");
      const start = header.blocks[block] * header.size;
      const length = Math.min(header.size, header.total - start);
      const n = Math.min(length - offset, chunk.length - at);
      out.set(chunk.subarray(at, at + n), start + offset);
      at += n; offset += n;
      if (offset === length) { block += 1; offset = 0; }
    }
  }
  if (!header || block !== header.blocks.length) throw new Error("snapshot: truncated");
  return out;
}

// Copy the blocks equal to the wasm's data segments from its freshly instantiated memory.
/**
 * @param {Uint8Array} out
 * @param {Header} header
 * @param {Uint8Array} memory
 */
export function fillFromWasm(out, header, memory) {
  for (const i of header.fromWasm) {
    const start = i * header.size;
    const length = Math.min(header.size, header.total - start);
    if (start - header.base < 0 || start - header.base + length > memory.length) throw new Error("snapshot: block outside the wasm's memory");
    out.set(memory.subarray(start - header.base, start - header.base + length), start);
  }
}

// Make a decoded snapshot unusable (after a failed download), so that Pyodide rejects it
// instead of restoring half a snapshot.
/** @param {Uint8Array} out */
export function wipe(out) {
  out.fill(0, 0, 16);
}
