// @ts-check
// The names of the offline copies' caches (Cache Storage): the service worker keeps them, and the
// calculator worker stores there what it inflated from an xz copy (it alone has those bytes).

export const CACHE_PREFIX = "aod-"; // every cache of this site
export const RUNTIME_CACHE = `${CACHE_PREFIX}runtime`; // the boot files (named by content), across builds
export const PAGES_CACHE_PREFIX = `${CACHE_PREFIX}pages-`; // + the build id: pages and assets of one build
