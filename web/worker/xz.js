// @ts-check
// xz decoding, for the runtime's wasm and the used standard library on a first visit over a slow
// link (worker.js, flag xz): published xz-compressed beside the originals (tools/runtime.py), the
// wasm is 2.6 MB on the wire instead of 3.6 MB with gzip, and is inflated here as it arrives, so
// that the streaming compiler still reads it while it downloads. Browsers inflate only gzip and
// deflate themselves.
//
// The decoder is xz-embedded (Lasse Collin and Igor Pavlov, public domain) compiled to wasm, as
// shipped in the npm package xz-decompress (MIT; its module written out as a file by the ship
// step, tools/published.py XZ_DECODER). This is its driver. A decoding context starts with six
// u32 fields: the size of its two buffers, the input buffer's address, how far the decoder has
// read it, how much it holds, the output buffer's address, how much of it is filled.

const CTX = { size: 0, input: 1, inputRead: 2, inputHeld: 3, output: 4, outputFilled: 5 };
const XZ_OK = 0;
const XZ_STREAM_END = 1;

/**
 * The decoder's exports.
 * @typedef {object} Decoder
 * @property {WebAssembly.Memory} memory
 * @property {() => number} create_context
 * @property {(ctx: number) => void} destroy_context
 * @property {(ctx: number, length: number) => void} supply_input
 * @property {(ctx: number) => number} get_next_output
 */

/** @type {Map<string, Promise<Decoder>>} */
const decoders = new Map();

/**
 * @param {string} url the decoder's wasm
 * @returns {Promise<Decoder>}
 */
function decoder(url) {
  let found = decoders.get(url);
  if (!found) {
    // not instantiateStreaming: the worker routes that to the runtime's own wasm
    found = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`xz decoder: HTTP ${response.status}`);
        return response.arrayBuffer();
      })
      .then((bytes) => WebAssembly.instantiate(bytes, {}))
      .then(({ instance }) => /** @type {Decoder} */ (/** @type {unknown} */ (instance.exports)));
    found.catch(() => decoders.delete(url));
    decoders.set(url, found);
  }
  return found;
}

/**
 * The inflated bytes of an xz stream. A corrupt or cut-off stream errors the result.
 * @param {ReadableStream<Uint8Array>} body the xz bytes
 * @param {string} decoderUrl
 * @returns {ReadableStream<Uint8Array>}
 */
export function inflateXz(body, decoderUrl) {
  const reader = body.getReader();
  /** @type {Decoder} */
  let xz;
  let ctx = 0;
  /** @type {Uint8Array} */
  let pending = new Uint8Array(0); // read from the body, not yet handed to the decoder
  let ended = false;
  const fields = () => new Uint32Array(xz.memory.buffer, ctx, 6);
  const close = () => {
    if (ctx) xz.destroy_context(ctx);
    ctx = 0;
  };
  return new ReadableStream({
    async start() {
      xz = await decoder(decoderUrl);
      ctx = xz.create_context();
    },
    // Each pull hands on at least one chunk, or ends the stream (a pull that enqueued nothing
    // would not be called again).
    async pull(controller) {
      try {
        for (;;) {
          let f = fields();
          if (f[CTX.inputRead] === f[CTX.inputHeld]) {
            while (!pending.byteLength && !ended) {
              const { done, value } = await reader.read();
              if (done) ended = true;
              else pending = value;
            }
            // at the end, empty input: the decoder still has output to give
            const length = Math.min(f[CTX.size], pending.byteLength);
            new Uint8Array(xz.memory.buffer, f[CTX.input], length).set(pending.subarray(0, length));
            pending = pending.subarray(length);
            xz.supply_input(ctx, length);
          }
          const status = xz.get_next_output(ctx);
          if (status !== XZ_OK && status !== XZ_STREAM_END) throw new Error(`xz: corrupt data (code ${status})`);
          f = fields(); // the memory may have grown
          const filled = f[CTX.outputFilled];
          if (filled) controller.enqueue(new Uint8Array(xz.memory.buffer, f[CTX.output], filled).slice());
          f[CTX.outputFilled] = 0;
          if (status === XZ_STREAM_END) {
            close();
            controller.close();
            reader.cancel().catch(() => {});
            return;
          }
          if (filled) return;
          if (ended && !pending.byteLength) throw new Error("xz: the stream ended early");
        }
      } catch (err) {
        close();
        reader.cancel().catch(() => {});
        throw err;
      }
    },
    cancel(reason) {
      close();
      return reader.cancel(reason);
    },
  });
}
