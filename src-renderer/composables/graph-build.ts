import Graph from 'graphology';
import type { CrossLink, Neighbourhood } from '@shared/dto';
import type { GraphSide } from '@shared/model';

/** Attributes of a node in the render graph (what sigma reads, plus what the view needs back). */
export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  label: string;
  color: string;
  /** sigma program: 'circle', 'picture' (an image inside the disc) or 'imageNode' (an image entity, square). */
  type: 'circle' | 'picture' | 'imageNode';
  image?: string;
  entityId: number;
  iri: string;
  depth: number;
  kind: 'text' | 'image';
  links: CrossLink[];
  /** Set by reducers only. */
  highlighted?: boolean;
}

/** Attributes of a relation edge. */
export interface EdgeAttrs {
  size: number;
  color: string;
  label: string;
  relation: string;
}

export const SIDE_COLOURS: Record<GraphSide, string> = { 1: '#2156c5', 2: '#c2410c' };
const IMAGE_NODE_COLOUR = '#b7791f';
const DEPTH_FADE = [1, 0.75, 0.55, 0.4];
/**
 * Pictures drawn per pane. Each one is fetched and packed into a WebGL texture atlas on the main thread; past a
 * few dozen they cost seconds and are too small to read anyway, so the nearest nodes get them and the rest stay
 * plain discs (image entities keep their colour).
 */
export const MAX_PICTURES = 60;

/** The ids of the nodes that get a picture: those with an image, nearest the centre first. */
function picturedNodes(data: Neighbourhood, limit: number): Set<number> {
  const withImage = data.nodes.filter((n) => n.imageUrl).sort((a, b) => a.depth - b.depth);
  return new Set(withImage.slice(0, limit).map((n) => n.id));
}

/** The local name of an IRI, for relations and unlabelled entities. */
export function localName(iri: string): string {
  const cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'), iri.lastIndexOf(':'));
  return decodeURIComponent(iri.slice(cut + 1)) || iri;
}

function fade(hex: string, alpha: number): string {
  const a = Math.round(alpha * 255).toString(16).padStart(2, '0');
  return `${hex}${a}`;
}

/**
 * Builds the render graph of one pane from the back end's plain neighbourhood. Nodes start on rings by depth
 * (a readable picture before ForceAtlas2 has run); parallel relations between two nodes share one edge.
 */
export function buildRenderGraph(data: Neighbourhood, side: GraphSide, maxPictures = MAX_PICTURES): Graph<NodeAttrs, EdgeAttrs> {
  const graph = new Graph<NodeAttrs, EdgeAttrs>({ multi: false, type: 'directed' });
  const pictured = picturedNodes(data, maxPictures);
  const rings = new Map<number, number>();
  for (const node of data.nodes) rings.set(node.depth, (rings.get(node.depth) ?? 0) + 1);
  const placed = new Map<number, number>();
  for (const node of data.nodes) {
    const k = placed.get(node.depth) ?? 0;
    placed.set(node.depth, k + 1);
    const n = rings.get(node.depth) ?? 1;
    const angle = (2 * Math.PI * k) / n + node.depth * 0.5;
    const radius = node.depth * 10;
    const isImage = node.kind === 'image';
    const colour = isImage ? IMAGE_NODE_COLOUR : SIDE_COLOURS[side];
    graph.addNode(String(node.id), {
      x: radius * Math.cos(angle),
      y: radius * Math.sin(angle),
      size: node.id === data.center ? 16 : isImage ? 12 : node.imageUrl ? 11 : 6,
      label: node.label ?? localName(node.iri),
      color: fade(colour, DEPTH_FADE[Math.min(3, node.depth)]),
      type: pictured.has(node.id) ? (isImage ? 'imageNode' : 'picture') : 'circle',
      image: pictured.has(node.id) ? node.imageUrl! : undefined,
      entityId: node.id,
      iri: node.iri,
      depth: node.depth,
      kind: node.kind,
      links: node.links ?? [],
    });
  }
  for (const edge of data.edges) {
    const source = String(edge.source);
    const target = String(edge.target);
    if (!graph.hasNode(source) || !graph.hasNode(target) || source === target) continue;
    const existing = graph.edge(source, target);
    if (existing) {
      graph.setEdgeAttribute(existing, 'label', `${graph.getEdgeAttribute(existing, 'label')}, ${localName(edge.relation)}`);
      continue;
    }
    graph.addDirectedEdge(source, target, { size: 1, color: '#b8bfc9', label: localName(edge.relation), relation: edge.relation });
  }
  return graph;
}
