/**
 * The Content-Security-Policy of the renderer, for both shells. Everything is bundled by vite, so scripts come
 * only from the app itself: no inline scripts, no eval, no remote hosts, no plugins. Styles allow inline
 * attributes because Vue binds `style`; workers may be blob: URLs because ForceAtlas2's layout worker is built
 * from one; images may be data:/blob: (thumbnails drawn on canvas) and the image scheme of the shell.
 */
export function contentSecurityPolicy(options: { imageSources: string[]; connectSources: string[] }): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...options.imageSources],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...options.connectSources],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Headers for image bytes: never sniffed as HTML, and an SVG opened directly can run nothing. */
export const IMAGE_SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
};

/** Headers for every page and asset the renderer loads. */
export function pageSecurityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
