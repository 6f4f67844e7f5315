import type { ExportLink, ExportMeta } from '../../../../src-main/export/links';

/** The small link set every export test writes (one of each status, both cross-modal directions, hard IRIs). */
export const FIXTURE_LINKS: ExportLink[] = [
  { subject: 'http://kg1.example/e1', subjectLabel: 'Paris', object: 'http://kg2.example/e1', objectLabel: 'Paris, France', kind: 'text-text', subjectIsImage: false, status: 'accepted', score: 0.93, curator: '0000-0002-1825-0097', decidedAt: '2026-03-01T10:00:00.000Z', note: 'capital, "same" city' },
  { subject: 'http://kg1.example/Café_{2}', subjectLabel: 'Café', object: 'http://kg2.example/e2', objectLabel: 'Cafe', kind: 'text-text', subjectIsImage: false, status: 'accepted', score: null, curator: 'Ada Lovelace', decidedAt: '2026-03-01T11:00:00.000Z', note: null },
  { subject: 'http://kg1.example/e3', subjectLabel: 'Lyon', object: 'http://kg2.example/e3', objectLabel: 'Lyon', kind: 'text-text', subjectIsImage: false, status: 'auto', score: 0.97123456, curator: null, decidedAt: null, note: null },
  { subject: 'http://kg1.example/e4', subjectLabel: 'Rhine', object: 'http://kg2.example/e5', objectLabel: 'Rhône', kind: 'text-text', subjectIsImage: false, status: 'rejected', score: 0.61, curator: '0000-0002-1825-0097', decidedAt: '2026-03-01T12:00:00.000Z', note: 'different rivers' },
  { subject: 'http://kg1.example/e6', subjectLabel: 'Nice', object: 'http://kg2.example/e6', objectLabel: 'Nizza', kind: 'text-text', subjectIsImage: false, status: 'review', score: 0.72, curator: null, decidedAt: null, note: null },
  { subject: 'http://kg1.example/e7', subjectLabel: 'Eiffel Tower', object: 'http://kg2.example/img/7.png', objectLabel: null, kind: 'text-image', subjectIsImage: false, status: 'accepted', score: 0.4, curator: 'Ada Lovelace', decidedAt: '2026-03-01T13:00:00.000Z', note: null },
  { subject: 'http://kg1.example/img/8.jpg', subjectLabel: null, object: 'http://kg2.example/e8', objectLabel: 'Louvre', kind: 'text-image', subjectIsImage: true, status: 'auto', score: 1.3, curator: null, decidedAt: null, note: null },
  { subject: 'http://kg1.example/e9', subjectLabel: 'Lille', object: 'http://kg2.example/e9', objectLabel: 'Rijsel', kind: 'text-text', subjectIsImage: false, status: 'unsure', score: -0.2, curator: 'Ada Lovelace', decidedAt: '2026-03-01T14:00:00.000Z', note: 'Dutch name?' },
];

export const FIXTURE_META: ExportMeta = {
  created: '2026-03-02T09:30:00.000Z',
  title: 'Fixture links',
  setIri: 'https://example.org/mmea/linkset',
  subjectsTarget: { iri: 'https://example.org/mmea/kg1', title: 'KG one' },
  objectsTarget: { iri: 'https://example.org/mmea/kg2', title: 'KG two' },
  license: 'https://creativecommons.org/publicdomain/zero/1.0/',
  scoreMeasure: 'cosine',
  toolVersion: '0.1.0',
};
