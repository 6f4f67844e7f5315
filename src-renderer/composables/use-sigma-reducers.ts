import type Graph from 'graphology';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { EdgeAttrs, NodeAttrs } from './graph-build';

/** What the reducers read: kept outside Vue (plain object), sigma is refreshed when it changes. */
export interface HighlightState {
  hovered: string | null;
  selected: string | null;
  /** Nodes to emphasise (search hits, the pair under review). */
  marked: Set<string>;
}

const DIM_NODE = '#e3e6ea';
const DIM_EDGE = '#eef0f3';

/**
 * Node and edge reducers for hover highlighting: the hovered (or selected) node's neighbours keep their colours
 * and labels, everything else fades. The data graph is never mutated for display state.
 */
export function createReducers(graph: Graph<NodeAttrs, EdgeAttrs>, state: HighlightState) {
  function focusOf(): string | null {
    return state.hovered ?? state.selected;
  }
  function nodeReducer(node: string, data: NodeAttrs): Partial<NodeDisplayData> & Partial<NodeAttrs> {
    const focus = focusOf();
    const result: Partial<NodeDisplayData> & Partial<NodeAttrs> = { ...data };
    if (state.marked.has(node)) {
      result.highlighted = true;
      result.forceLabel = true;
    }
    if (node === state.selected) result.forceLabel = true;
    if (focus && node !== focus && graph.hasNode(focus) && !graph.areNeighbors(node, focus)) {
      result.color = DIM_NODE;
      result.label = '';
      result.image = undefined;
      result.type = 'circle';
      result.zIndex = 0;
    } else if (focus) {
      result.forceLabel = true;
      result.zIndex = 1;
    }
    return result;
  }
  function edgeReducer(edge: string, data: EdgeAttrs): Partial<EdgeDisplayData> & Partial<EdgeAttrs> {
    const focus = focusOf();
    // Relation names only around the node in focus: on every edge they would bury the picture.
    if (!focus || !graph.hasNode(focus)) return { ...data, label: '' };
    if (graph.hasExtremity(edge, focus)) return { ...data, color: '#5b6676', size: 2, forceLabel: true, zIndex: 1 };
    return { ...data, color: DIM_EDGE, hidden: false, label: '' };
  }
  return { nodeReducer, edgeReducer };
}
