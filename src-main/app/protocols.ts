import { toErrorData, type AppErrorCode } from '../shared/errors';
import { parseImageId, resolveImage } from '../ipc/image-resolver';
import type { ProjectSession } from '../ipc/session';
import { IMAGE_SECURITY_HEADERS, pageSecurityHeaders } from '../server/content-security';
import { readStatic } from '../server/static-files';
import { APP_HOST, APP_SCHEME, IMAGE_SCHEME } from './app-urls';

const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The schemes to declare before the app is ready (Electron's protocol.registerSchemesAsPrivileged argument). */
export const PRIVILEGED_SCHEMES = [
  // standard + secure: a real origin, relative URLs, and a secure context; supportFetchAPI: vite's module loading.
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  // corsEnabled: sigma draws node pictures as WebGL textures from crossOrigin="anonymous" images.
  { scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
];

const STATUS: Partial<Record<AppErrorCode, number>> = { BAD_INPUT: 400, NOT_FOUND: 404 };

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Serves the built renderer on app://mmea/..., every response with the CSP and the other page headers. */
export function createAppProtocolHandler(rendererDir: string, csp: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return text(404, 'Not found');
    const file = await readStatic(rendererDir, url.pathname);
    if (!file) return text(404, url.pathname === '/' || url.pathname === '/index.html' ? `The renderer is not built (${rendererDir})` : 'Not found');
    return new Response(new Uint8Array(file.bytes), { status: 200, headers: { ...pageSecurityHeaders(csp), 'Content-Type': file.type } });
  };
}

/**
 * Serves mmea-image://image/<imageId>?k=<key>[&size=original]: only images of the open project (the key must be
 * the open project's, the id one of its rows), originals only from inside its image folders.
 */
export function createImageProtocolHandler(session: ProjectSession): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const url = new URL(request.url);
      if (url.host !== 'image') return text(404, 'Not found');
      const id = parseImageId(url.pathname.slice(1));
      const key = url.searchParams.get('k');
      if (key !== session.current()?.key) return text(404, 'That image belongs to a project that is no longer open');
      const image = await resolveImage(session, id, url.searchParams.get('size') === 'original' ? 'original' : 'thumbnail');
      return new Response(new Uint8Array(image.bytes), {
        status: 200,
        // The app's pages are another origin (app://mmea); only they may read the pixels (WebGL textures).
        headers: { ...IMAGE_SECURITY_HEADERS, 'Content-Type': image.mime, 'Access-Control-Allow-Origin': APP_ORIGIN },
      });
    } catch (error) {
      const data = toErrorData(error);
      return text(STATUS[data.code] ?? 500, data.message);
    }
  };
}
