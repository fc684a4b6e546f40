// Calculator pages only: a classic script in <head>, run before the page is parsed and before
// the theme's bundle. Two jobs, both so that Python's start-up gets the processor first:
//
// 1. Start the Python worker now, with the boot URLs in this tag's data-* attributes
//    (macros/forms.py, boot_attributes). The page runner (runner.js) adopts it as
//    window.__calcEarly, with any messages and error it sent meanwhile; if anything here
//    fails, the runner starts its own worker.
// 2. Hold Material's search worker: it builds its index as soon as a page loads (about 0.3 s
//    of processor time). Its messages wait until the calculator is ready, the reader presses
//    a key or the pointer, or 8 seconds have passed.
(() => {
  const tag = document.currentScript;
  const Native = window.Worker;
  if (typeof Native !== "function") return;

  if (typeof WebAssembly === "object" && tag) {
    const abs = (url) => (url ? new URL(url, document.baseURI).href : "");
    const d = tag.dataset;
    const urls = { runtime: abs(d.runtime), lock: abs(d.lock), stdlib: abs(d.stdlib), snapshot: abs(d.snapshot) };
    try {
      performance.mark("calc:worker-start");
      const worker = new Native(new URL("worker.js", tag.src), { type: "module" });
      const early = { worker, messages: [], error: null };
      worker.onmessage = (event) => early.messages.push(event);
      worker.onerror = (event) => { event.preventDefault(); early.error = event; };
      // window.__calcBoot lets tests and the benchmark switch the snapshot off ({snapshot: ""}).
      worker.postMessage({ type: "init", ...urls, ...(window.__calcBoot || {}) });
      window.__calcEarly = early;
    } catch (err) {
      // the runner starts the worker (and reports what went wrong)
    }
  }

  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const events = ["pointerdown", "keydown", "focusin"];
  const go = () => {
    release();
    for (const type of events) document.removeEventListener(type, onAct, true);
  };
  const onAct = (event) => { if (event.isTrusted) go(); };
  for (const type of events) document.addEventListener(type, onAct, true);
  document.addEventListener("calc:ready", () => setTimeout(go, 50), { once: true });
  setTimeout(go, 8000);

  function Worker(url, options) {
    const worker = new Native(url, options);
    if (!/\/workers\/search\.[^/]*\.js/.test(String(url))) return worker;
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (...args) => { released.then(() => post(...args)); };
    return worker;
  }
  Worker.prototype = Native.prototype;
  window.Worker = Worker;
})();
