import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { ProjectStore } from '../../../../src-main/project/project-store';

/** A small real project on disk: two entities, an image with a thumbnail, and an image folder with an original. */
export interface ProjectFixture {
  dir: string;
  projectPath: string;
  imagesDir: string;
  /** An image file outside the image folder, which must stay unreachable. */
  secretPath: string;
  ids: { paris: number; parisFr: number; thumbImage: number; originalOnly: number; fileUrl: number; fileUrlOutside: number; escaping: number; absoluteOutside: number; remote: number };
}

/** Builds the fixture in a fresh temp folder. */
export async function makeProjectFixture(): Promise<ProjectFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'mmea-shells-'));
  const imagesDir = join(dir, 'images');
  mkdirSync(imagesDir);
  const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toBuffer();
  writeFileSync(join(imagesDir, 'paris.png'), png);
  const secretPath = join(dir, 'secret.png');
  writeFileSync(secretPath, png);
  const projectPath = join(dir, 'fixture.mmea');
  const store = ProjectStore.create(projectPath, 'Fixture');
  const db = store.db;
  db.prepare('INSERT OR IGNORE INTO graph (side, name) VALUES (1, ?), (2, ?)').run('KG 1', 'KG 2');
  const insertEntity = db.prepare('INSERT INTO entity (side, iri, label, kind) VALUES (?, ?, ?, ?)');
  const paris = Number(insertEntity.run(1, 'http://kg1/Paris', 'Paris', 'text').lastInsertRowid);
  const parisFr = Number(insertEntity.run(2, 'http://kg2/Paris', 'Paris (fr)', 'text').lastInsertRowid);
  const insertImage = db.prepare('INSERT INTO image (entity, source, mime, thumbnail) VALUES (?, ?, ?, ?)');
  const thumbImage = Number(insertImage.run(paris, 'paris.png', 'image/png', png).lastInsertRowid);
  const originalOnly = Number(insertImage.run(parisFr, 'paris.png', 'image/png', null).lastInsertRowid);
  // The image-files importer stores local images as file: URLs.
  const fileUrl = Number(insertImage.run(paris, pathToFileURL(join(imagesDir, 'paris.png')).href, 'image/png', null).lastInsertRowid);
  const fileUrlOutside = Number(insertImage.run(parisFr, pathToFileURL(secretPath).href, 'image/png', null).lastInsertRowid);
  const escaping = Number(insertImage.run(parisFr, '../secret.png', 'image/png', null).lastInsertRowid);
  const absoluteOutside = Number(insertImage.run(paris, secretPath, 'image/png', null).lastInsertRowid);
  const remote = Number(insertImage.run(paris, 'https://example.org/flag.png', null, null).lastInsertRowid);
  store.imports.add({
    format: 'image-files', source: `dir=${imagesDir}, mapping=${join(imagesDir, 'mapping.tsv')}`, side: 1,
    fingerprint: 'fixture', importedAt: '2026-01-01T00:00:00.000Z', counts: { images: 2 },
  });
  store.close();
  return { dir, projectPath, imagesDir, secretPath, ids: { paris, parisFr, thumbImage, originalOnly, fileUrl, fileUrlOutside, escaping, absoluteOutside, remote } };
}
