// Module Web Worker: boots Pyodide from the site's own copy and runs calculators on request.
// Messages in:  {type: "init", runtime: absolute URL of the runtime folder, lock: URL of the lock file}
//               {type: "run", id, slug, inputs}
// Messages out: {type: "ready", ms} | {type: "fatal", message}
//               {type: "result", id, reply}   (reply: {ok, result} | {ok: false, errors} | {ok: false, crash})

let handle = null;
let booting = null;

async function boot(runtime, lock) {
  const started = performance.now();
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  const pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: lock,
    packages: ["calculators"],
    stdout: () => {},
    stderr: () => {},
  });
  handle = pyodide.pyimport("calculators.web").handle;
  return Math.round(performance.now() - started);
}

// A failed download inside the runtime can surface as an unhandled rejection: report it once.
let ready = false;
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!ready) self.postMessage({ type: "fatal", message: String((event.reason && event.reason.message) || event.reason) });
});

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    if (!booting) booting = boot(msg.runtime, msg.lock);
    try {
      const ms = await booting;
      ready = true;
      self.postMessage({ type: "ready", ms });
    } catch (err) {
      self.postMessage({ type: "fatal", message: String((err && err.message) || err) });
    }
  } else if (msg.type === "run") {
    let reply;
    try {
      reply = JSON.parse(handle(JSON.stringify({ slug: msg.slug, inputs: msg.inputs })));
    } catch (err) {
      reply = { ok: false, crash: String((err && err.message) || err) };
    }
    self.postMessage({ type: "result", id: msg.id, reply });
  }
};
