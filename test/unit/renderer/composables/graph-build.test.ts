import { describe, expect, it } from 'vitest';
import type { Neighbourhood } from '@shared/dto';
import { buildRenderGraph, localName } from '../../../../src-renderer/composables/graph-build';

const node = (id: number, depth: number, extra: Partial<Neighbourhood['nodes'][number]> = {}): Neighbourhood['nodes'][number] =>
  ({ id, side: 1, iri: `http://x.test/e${id}`, label: `E${id}`, kind: 'text', depth, imageUrl: null, ...extra });

describe('buildRenderGraph', () => {
  const data: Neighbourhood = {
    center: 1,
    truncated: false,
    nodes: [node(1, 0), node(2, 1, { imageUrl: '/images/7' }), node(3, 1, { kind: 'image', imageUrl: '/images/8' }), node(4, 2, { label: null })],
    edges: [
      { source: 1, target: 2, relation: 'http://x.test/capital' },
      { source: 1, target: 2, relation: 'http://x.test/largestCity' },
      { source: 1, target: 3, relation: 'http://x.test/flag' },
      { source: 2, target: 4, relation: 'http://x.test/r' },
      { source: 2, target: 99, relation: 'http://x.test/dangling' },
      { source: 4, target: 4, relation: 'http://x.test/self' },
    ],
  };

  it('draws pictures on nodes with images and styles image entities apart', () => {
    const g = buildRenderGraph(data, 1);
    expect(g.getNodeAttribute('1', 'type')).toBe('circle');
    expect(g.getNodeAttribute('2', 'type')).toBe('picture');
    expect(g.getNodeAttribute('2', 'image')).toBe('/images/7');
    expect(g.getNodeAttribute('3', 'type')).toBe('imageNode');
    expect(g.getNodeAttribute('3', 'color')).not.toBe(g.getNodeAttribute('2', 'color'));
    expect(g.getNodeAttribute('1', 'size')).toBeGreaterThan(g.getNodeAttribute('2', 'size'));
  });

  it('merges parallel relations into one labelled edge and drops dangling and self edges', () => {
    const g = buildRenderGraph(data, 1);
    expect(g.size).toBe(3);
    expect(g.getEdgeAttribute(g.edge('1', '2')!, 'label')).toBe('capital, largestCity');
  });

  it('labels unlabelled entities by the local name of their IRI', () => {
    expect(buildRenderGraph(data, 1).getNodeAttribute('4', 'label')).toBe('e4');
    expect(localName('http://dbpedia.org/resource/S%C3%A3o_Paulo')).toBe('São_Paulo');
    expect(localName('urn:mmea:rel:2141')).toBe('2141');
  });
});

describe('pictures per pane', () => {
  it('draws pictures on the nodes nearest the centre only, up to the cap', () => {
    const nodes = Array.from({ length: 100 }, (_, i) => node(i + 1, i === 0 ? 0 : i < 10 ? 1 : 2, { imageUrl: `/images/${i}` }));
    const g = buildRenderGraph({ center: 1, truncated: false, nodes, edges: [] }, 1, 20);
    const pictured = g.filterNodes((_, a) => a.type === 'picture');
    expect(pictured).toHaveLength(20);
    expect(pictured.slice(0, 10)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(g.getNodeAttribute('100', 'image')).toBeUndefined();
  });
});
