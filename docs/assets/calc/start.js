// Calculator pages: the result container is followed by
// <script type="module" async src=".../start.js">, which runs as soon as it arrives, so the
// calculators mount without waiting for the theme's scripts. The runner adopts the Python
// worker that early.js started from <head> (or starts one). site.js mounts the same runner
// after instant navigation (mounting twice is a no-op).
import { mountAll } from "./runner.js";

mountAll();
