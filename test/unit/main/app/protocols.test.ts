import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageUrlFor, isAppUrl } from '../../../../src-main/app/app-urls';
import { createAppProtocolHandler, createImageProtocolHandler, PRIVILEGED_SCHEMES } from '../../../../src-main/app/protocols';
import { storeOpener } from '../../../../src-main/ipc/project-opener';
import { ProjectSession } from '../../../../src-main/ipc/session';
import { contentSecurityPolicy } from '../../../../src-main/server/content-security';
import { makeProjectFixture } from '../ipc/project-fixture';

describe('app:// protocol (the renderer)', () => {
  const root = mkdtempSync(join(tmpdir(), 'mmea-app-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>MMEA</title>');
  writeFileSync(join(rendererDir, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  const csp = contentSecurityPolicy({ imageSources: ['mmea-image:'], connectSources: [] });
  const handler = createAppProtocolHandler(rendererDir, csp);

  it('serves the built renderer with the CSP header', async () => {
    const page = await handler(new Request('app://mmea/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>MMEA</title>');
    expect(page.headers.get('content-security-policy')).toBe(csp);
    expect(csp).toContain('img-src \'self\' data: blob: mmea-image:');
    expect(csp).toContain("script-src 'self';");
    expect((await handler(new Request('app://mmea/assets/a.js'))).headers.get('content-type')).toContain('javascript');
  });

  it('never serves anything outside the renderer folder or another host', async () => {
    for (const url of ['app://mmea/../secret.txt', 'app://mmea/%2e%2e/secret.txt', 'app://mmea/assets/..%2f..%2fsecret.txt', 'app://other/index.html', 'app://mmea/missing.js']) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
  });

  it('declares both schemes as standard and secure', () => {
    expect(PRIVILEGED_SCHEMES.map((s) => [s.scheme, s.privileges.standard, s.privileges.secure])).toEqual([['app', true, true], ['mmea-image', true, true]]);
    expect(isAppUrl('app://mmea/index.html#/review')).toBe(true);
    expect(isAppUrl('app://mmea.evil/index.html')).toBe(false);
    expect(isAppUrl('http://mmea/index.html')).toBe(false);
  });
});

describe('mmea-image:// protocol', () => {
  it('serves images of the open project only, with the key of the current opening', async () => {
    const fixture = await makeProjectFixture();
    const session = new ProjectSession();
    const handler = createImageProtocolHandler(session);
    const url = (id: number, key: string) => `${imageUrlFor(key)(id)}`;
    expect((await handler(new Request(url(fixture.ids.thumbImage, 'x')))).status).toBe(404); // nothing open
    const project = await session.replace(() => storeOpener(imageUrlFor).open(fixture.projectPath));
    const detail = project.store.graph.entity(fixture.ids.paris);
    expect(detail.images[0].url).toBe(`mmea-image://image/${fixture.ids.thumbImage}?k=${project.key}`);
    const ok = await handler(new Request(detail.images[0].url));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('access-control-allow-origin')).toBe('app://mmea'); // WebGL textures need CORS
    const original = await handler(new Request(`${url(fixture.ids.originalOnly, project.key)}&size=original`));
    expect(original.status).toBe(200);
    const refused: [string, number][] = [
      [url(fixture.ids.thumbImage, 'stale0000000'), 404], // a key from an earlier opening
      [url(424242, project.key), 404], // not an image of this project
      [url(fixture.ids.escaping, project.key), 404], // ../secret.png
      [url(fixture.ids.absoluteOutside, project.key), 404], // absolute path outside the image folder
      [`mmea-image://image/..%2f..%2fetc%2fpasswd?k=${project.key}`, 400],
      [`mmea-image://image/1abc?k=${project.key}`, 400],
      [`mmea-image://other/${fixture.ids.thumbImage}?k=${project.key}`, 404],
    ];
    for (const [u, status] of refused) expect((await handler(new Request(u))).status, u).toBe(status);
    session.close();
  });
});
