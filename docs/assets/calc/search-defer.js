// Calculator pages only, loaded in <head> before Material's bundle. Material's search worker
// starts building its index as soon as a page loads (about 0.3 s of processor time); on a
// calculator page that would compete with Python's start-up. Its messages are held until the
// calculator is ready, the reader presses a key or the pointer, or 8 seconds have passed.
(() => {
  const Native = window.Worker;
  if (typeof Native !== "function") return;
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
