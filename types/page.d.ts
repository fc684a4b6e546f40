// Globals the page's scripts share with the theme (Material for MkDocs), for the type checker.
interface Window {
  /** Material's storage writer (web/page/storage-guard.js holds back its writes). */
  __md_set?: (...args: unknown[]) => unknown;
  /** Material's observable of page loads (its bundle defines it; instant navigation emits). */
  document$?: { subscribe(next: () => void): unknown };
}
