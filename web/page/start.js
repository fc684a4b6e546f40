// @ts-check
// Early start on calculator pages: the page's result container is followed by
// <script type="module" async src=".../start.js">, which runs as soon as it arrives, while the
// rest of the page is still loading, so the Python worker starts without waiting for the theme's
// scripts. site.js mounts the same runner after instant navigation (mounting twice is a no-op).
import { mountAll } from "./runner.js";

mountAll();
