// The build's data tools/offline.py gives web/service-worker/service-worker.js when it bundles it as sw.js.
declare const __BUILD__: string;
declare const __RUNTIME__: string;
declare const __RUNTIME_FILES__: string[];
declare const __SNAPSHOT__: string;
declare const __CALC_SCRIPTS__: string;
declare const __THEME_SCRIPTS__: string[];

// Static routes (Chromium): not in TypeScript's library yet.
interface ExtendableEvent {
  addRoutes?(rules: Array<{ condition: { urlPattern: { pathname: string } }; source: { cacheName: string } }>): Promise<void>;
}
