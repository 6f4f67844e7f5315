import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src-main/project/db';
import { runAlign } from '../../../../src-main/review/align-job';
import { saveExport } from '../../../../src-main/review/export-service';
import { ReviewService } from '../../../../src-main/review/review-service';
import { parseWithN3 } from '../export/rdf-tools';
import { tempDir } from '../review/project-fixture';
import { createCrossModalProject } from './cross-modal-project';

/**
 * Export of cross-modal links from a project with image entities: a thing and its picture are linked by
 * foaf:depiction (thing -> picture) or foaf:depicts (picture -> thing), never owl:sameAs; one entity may be
 * linked to its counterpart and to pictures at once; cross-modal links are not held 1:1; identity-only formats
 * leave them out.
 */

const SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';
const DEPICTION = 'http://xmlns.com/foaf/0.1/depiction';
const DEPICTS = 'http://xmlns.com/foaf/0.1/depicts';
const thing = (i: number) => `http://kg1.example/thing/${i}`;
const chose = (i: number) => `http://kg2.example/chose/${i}`;
const image2 = (i: number) => `http://kg2.example/image/${i}`;
const picture1 = (i: number) => `http://kg1.example/picture/${i}`;

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

async function curated() {
  const dir = tempDir('mmea-cross-modal-export-');
  const db = createCrossModalProject(join(dir, 'p.mmea'));
  open.push(db);
  await runAlign(db, { topK: 5 });
  const review = new ReviewService(db, { defaultCurator: 'Ada Curator' });
  // Thing 4 is linked to its counterpart, to graph 2's picture of it, and (against the model) to a second picture.
  review.decide({ left: 4, right: 1004, verdict: 'accept' });
  review.decide({ left: 4, right: 2004, verdict: 'accept' });
  review.decide({ left: 4, right: 2005, verdict: 'accept', note: 'the same landmark, photographed from afar' });
  // A graph-1 picture linked to the graph-2 thing it shows: the image is the subject.
  review.decide({ left: 3005, right: 1005, verdict: 'accept' });
  review.decide({ left: 3006, right: 2006, verdict: 'accept' });
  review.decide({ left: 7, right: 2007, verdict: 'reject' });
  return { dir, db, review };
}

/** The link triples of an RDF export (VoID metadata left aside). */
const linkTriples = (triples: Set<string>) => new Set([...triples].filter((t) => [SAME_AS, DEPICTION, DEPICTS].includes(t.split(' ')[1])));

describe('export of cross-modal links', () => {
  it('writes foaf:depiction / foaf:depicts by which side is the image, beside owl:sameAs, in N-Triples and Turtle', async () => {
    const { dir, db } = await curated();
    const expected = new Set([
      `${thing(4)} ${SAME_AS} ${chose(4)}`,
      `${thing(4)} ${DEPICTION} ${image2(4)}`,
      `${thing(4)} ${DEPICTION} ${image2(5)}`,
      `${picture1(5)} ${DEPICTS} ${chose(5)}`,
      `${picture1(6)} ${SAME_AS} ${image2(6)}`,
    ]);
    const nt = saveExport(db, { format: 'sameas-nt', include: 'accepted', path: join(dir, 'links.nt') });
    expect(nt.links).toBe(5);
    expect(linkTriples(parseWithN3(readFileSync(join(dir, 'links.nt'), 'utf8'), 'N-Triples'))).toEqual(expected);
    saveExport(db, { format: 'sameas-ttl', include: 'accepted', path: join(dir, 'links.ttl') });
    expect(linkTriples(parseWithN3(readFileSync(join(dir, 'links.ttl'), 'utf8'), 'Turtle'))).toEqual(expected);
  });

  it('adds auto-band cross-modal links without holding them 1:1, and never sameAs across text and image', async () => {
    const { dir, db, review } = await curated();
    // A text-image band low enough that some things have two pictures above it.
    review.setThresholds([{ kind: 'text-image', lower: 0, upper: 0.3 }, { kind: 'text-text', lower: 0.5, upper: 2 }, { kind: 'image-image', lower: 0.5, upper: 2 }]);
    saveExport(db, { format: 'sameas-nt', include: 'accepted+auto', path: join(dir, 'auto.nt') });
    const triples = [...linkTriples(parseWithN3(readFileSync(join(dir, 'auto.nt'), 'utf8'), 'N-Triples'))].map((t) => t.split(' '));
    const isImage = (iri: string) => /\/(image|picture)\//.test(iri);
    for (const [s, p, o] of triples) {
      if (isImage(s) !== isImage(o)) expect([DEPICTION, DEPICTS]).toContain(p);
      else expect(p).toBe(SAME_AS);
      if (p === DEPICTION) expect(isImage(o) && !isImage(s)).toBe(true);
      if (p === DEPICTS) expect(isImage(s) && !isImage(o)).toBe(true);
    }
    const depictions = triples.filter(([, p]) => p === DEPICTION);
    const perThing = new Map<string, number>();
    for (const [s] of depictions) perThing.set(s, (perThing.get(s) ?? 0) + 1);
    expect(Math.max(...perThing.values())).toBeGreaterThan(1);
    // The rejected pair stays out even though it scores in the auto band.
    expect(depictions.some(([s, , o]) => s === thing(7) && o === image2(7))).toBe(false);
  });

  it('states the predicate per row in SSSOM and CSV, and leaves cross-modal links out of OpenEA identity links', async () => {
    const { dir, db } = await curated();
    saveExport(db, { format: 'sssom', include: 'all', path: join(dir, 'links.sssom.tsv') });
    const lines = readFileSync(join(dir, 'links.sssom.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    const header = lines[0].split('\t');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [header[i], v])));
    // Ids are CURIEs over each graph's namespace (kg1:thing/4); compare the local part.
    const local = (iri: string) => iri.replace(/^http:\/\/kg[12]\.example\//, '');
    const same = (id: string, iri: string) => id === iri || id.endsWith(`:${local(iri)}`);
    const row = (s: string, o: string) => rows.find((r) => same(r.subject_id, s) && same(r.object_id, o));
    expect(row(thing(4), image2(5))).toMatchObject({ predicate_id: 'foaf:depiction' });
    expect(row(picture1(5), chose(5))).toMatchObject({ predicate_id: 'foaf:depicts' });
    expect(row(thing(4), chose(4))).toMatchObject({ predicate_id: 'owl:sameAs' });
    expect(row(thing(7), image2(7))).toMatchObject({ predicate_id: 'foaf:depiction', predicate_modifier: 'Not' });

    saveExport(db, { format: 'csv', include: 'accepted', path: join(dir, 'links.csv') });
    const csv = readFileSync(join(dir, 'links.csv'), 'utf8');
    expect(csv).toContain(`${picture1(5)},,${DEPICTS},${chose(5)},Chose 5,text-image,accepted`);

    const openea = saveExport(db, { format: 'openea-links', include: 'accepted', path: join(dir, 'openea') });
    expect(openea.links).toBe(2);
    const files = readdirSync(join(dir, 'openea'), { recursive: true }).map(String);
    const all = readFileSync(join(dir, 'openea', files.find((f) => /ent_links$/.test(f) && !f.includes('/'))!), 'utf8');
    expect(all.trim().split('\n').sort()).toEqual([`${thing(4)}\t${chose(4)}`, `${picture1(6)}\t${image2(6)}`].sort());
  });
});
