// Inlined right after a calculator's result container (macros/forms.py, result): starts the Python
// worker while the parser is still on this page, before layout and before any module script could
// run. On a returning visit (the page has a service worker, so the runtime is probably stored)
// this thread also compiles the wasm from the offline copy and hands the module to the worker
// ("wasm=page"), whose thread is the busier one; without a stored copy it hands over nothing and
// the worker compiles the wasm itself. runner.js takes the worker over from window.__calcEarly; if
// this did not run (no WebAssembly, no Worker, an instant navigation), the runner starts one
// itself.
// __calcEarly: undefined = nothing started yet; {worker, error} = started here, not taken over
// yet; "taken" = the runner owns its worker (a later page of the same visit starts none here).
(() => {
  const result = document.currentScript && document.currentScript.previousElementSibling;
  if (window.__calcEarly !== undefined || !result || !result.dataset.worker) return;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  const absolute = (url) => (url ? new URL(url, document.baseURI).href : "");
  const boot = { runtime: absolute(result.dataset.runtime), lock: absolute(result.dataset.lock),
                 stdlib: absolute(result.dataset.stdlib), snapshot: absolute(result.dataset.snapshot),
                 stdlibUsed: absolute(result.dataset.stdlibUsed), wasmBytes: result.dataset.wasmBytes || "",
                 ...(window.__calcBoot || {}) };
  const url = new URL(result.dataset.worker, document.baseURI);
  const returning = Boolean(window.caches && navigator.serviceWorker && navigator.serviceWorker.controller);
  if (returning && typeof WebAssembly.compileStreaming === "function") boot.wasm = "page";
  try {
    performance.mark("calc:worker-start");
    const name = new URLSearchParams(boot).toString(); // the boot URLs: worker.js reads self.name
    const early = { worker: new Worker(url, { type: "module", name }), error: "" };
    if (boot.wasm === "page") {
      const hand = (module) => early.worker.postMessage({ type: "wasm", module });
      caches.match(`${boot.runtime}pyodide.asm.wasm`)
        .then((stored) => (stored ? WebAssembly.compileStreaming(stored) : null))
        .then(hand, () => hand(null));
    }
    early.worker.onerror = (event) => {
      event.preventDefault();
      early.error = event.message || "it could not be loaded";
    };
    window.__calcEarly = early;
  } catch {
    // the runner tries again and says what went wrong
  }
})();
