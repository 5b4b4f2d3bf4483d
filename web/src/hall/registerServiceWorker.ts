let started = false;

/**
 * Registers the hall's service worker (/sw.js: the app shell for offline start; API answers are
 * never cached). Browsers allow it on HTTPS and on localhost / 127.0.0.1 only.
 */
export function registerServiceWorker(): void {
  if (started || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  started = true;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    // Without a service worker the hall still works online; nothing to tell the user.
  });
}
