import { join } from 'node:path';

/** The privileged scheme the renderer is loaded from, so that it gets a real origin and our CSP header. */
export const APP_SCHEME = 'app';
/** The one host of the app scheme: the renderer's origin is app://mmea. */
export const APP_HOST = 'mmea';
/** The renderer's start page. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
/** The scheme of image URLs in the DTOs: mmea-image://image/<imageId>?k=<project key>[&size=original]. */
export const IMAGE_SCHEME = 'mmea-image';

/** True for the app's own pages (and nothing else: not file:, not http:, not another host of our scheme). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The image URL function for one opening of a project. */
export function imageUrlFor(key: string): (imageId: number) => string {
  return (imageId) => `${IMAGE_SCHEME}://image/${imageId}?k=${key}`;
}

/** Where the bundled files are, relative to out/main (this bundle's folder). */
export function bundlePaths(bundleDir: string): { rendererDir: string; preload: string } {
  return { rendererDir: join(bundleDir, '..', 'renderer'), preload: join(bundleDir, 'preload.cjs') };
}
