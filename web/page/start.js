// @ts-check
// The calculator pages' runner (entry): the page's result container is followed by
// <script type="module" async src=".../start.HASH.js">, which runs as soon as it arrives, while the
// rest of the page is still loading, so the Python worker starts without waiting for the theme's
// scripts. site.js imports the same bundle after instant navigation and mounts the runner again
// (mounting twice is a no-op). Its exports: mountAll, and connect (the page's one client).
import { mountAll } from "./runner.js";

export { mountAll };
export { connect } from "./client.js";

mountAll();
