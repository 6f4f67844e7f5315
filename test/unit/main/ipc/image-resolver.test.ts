import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, locateInside, parseImageId, resolveImage, sniffMime } from '../../../../src-main/ipc/image-resolver';
import { imageRootsOf, sourcePaths, storeOpener } from '../../../../src-main/ipc/project-opener';
import { ProjectSession } from '../../../../src-main/ipc/session';
import { makeProjectFixture } from './project-fixture';

describe('image resolver', () => {
  it('accepts only digit ids', () => {
    expect(parseImageId('42')).toBe(42);
    for (const bad of ['', '-1', '1.5', '1e3', '../1', '%2e%2e', '1/2', '0x10', '9'.repeat(16)]) {
      expect(() => parseImageId(bad), bad).toThrow(/Not an image id/);
    }
  });

  it('serves thumbnails and originals of the open project only, and nothing outside its image folders', async () => {
    const fixture = await makeProjectFixture();
    const session = new ProjectSession();
    await expect(resolveImage(session, fixture.ids.thumbImage, 'thumbnail')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No project is open' });
    const opener = storeOpener(() => (id) => String(id));
    await session.replace(() => opener.open(fixture.projectPath));
    const thumb = await resolveImage(session, fixture.ids.thumbImage, 'thumbnail');
    expect(thumb.mime).toBe('image/png');
    const original = await resolveImage(session, fixture.ids.thumbImage, 'original');
    expect(original.bytes.length).toBeGreaterThan(0);
    expect((await resolveImage(session, fixture.ids.originalOnly, 'thumbnail')).mime).toBe('image/png');
    expect((await resolveImage(session, fixture.ids.fileUrl, 'original')).mime).toBe('image/png');
    await expect(resolveImage(session, fixture.ids.fileUrlOutside, 'original')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('not inside') });
    await expect(resolveImage(session, 99999, 'thumbnail')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No image 99999') });
    await expect(resolveImage(session, fixture.ids.escaping, 'original')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('not inside') });
    await expect(resolveImage(session, fixture.ids.absoluteOutside, 'original')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(resolveImage(session, fixture.ids.remote, 'original')).rejects.toMatchObject({ message: expect.stringContaining('not stored locally') });
    session.close();
  });

  it('follows symbolic links before deciding, so a link inside the folder cannot point outside it', async () => {
    const fixture = await makeProjectFixture();
    const link = join(fixture.imagesDir, 'link.png');
    symlinkSync(fixture.secretPath, link);
    await expect(locateInside([fixture.imagesDir], 'link.png')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(locateInside([fixture.imagesDir], 'paris.png')).resolves.toBe(join(fixture.imagesDir, 'paris.png'));
    mkdirSync(join(fixture.dir, 'images-evil'));
    await expect(locateInside([fixture.imagesDir], '../images-evil/x.png')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('isInside compares whole path segments', () => {
    expect(isInside('/a/images', '/a/images/x.png')).toBe(true);
    expect(isInside('/a/images', '/a/images')).toBe(true);
    expect(isInside('/a/images', '/a/images-evil/x.png')).toBe(false);
    expect(isInside('/a/images', '/a/x.png')).toBe(false);
    expect(isInside('/a/images', '/a/images/../x.png')).toBe(false);
  });

  it('recognises thumbnail formats by their bytes', () => {
    expect(sniffMime(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]))).toBe('image/png');
    expect(sniffMime(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMime(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffMime(new TextEncoder().encode('<svg'))).toBeNull();
  });

  it('takes image folders from the dir role of image-files imports only', () => {
    expect(sourcePaths('dir=/data/flags, mapping=/data/flags/map.tsv')).toEqual(['/data/flags']);
    expect(sourcePaths('file=/data/kg1.ttl')).toEqual([]);
    expect(sourcePaths('/data/flags')).toEqual(['/data/flags']);
    const entry = (format: string, source: string) => ({ id: 1, format, source, side: 1 as const, importedAt: '', counts: {} });
    expect(imageRootsOf([entry('rdf', `dir=${__dirname}`), entry('image-files', 'dir=/definitely/missing')])).toEqual([]);
    expect(imageRootsOf([entry('image-files', `dir=${__dirname}, mapping=x`)])).toEqual([__dirname]);
  });
});
