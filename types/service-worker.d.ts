// The placeholders tools/offline.py fills in when it writes tools/service_worker.js as sw.js.
declare const __RUNTIME_FILES__: string[];
declare const __THEME_SCRIPTS__: string[];

// Static routes (Chromium): not in TypeScript's library yet.
interface ExtendableEvent {
  addRoutes?(rules: Array<{ condition: { urlPattern: { pathname: string } }; source: { cacheName: string } }>): Promise<void>;
}
