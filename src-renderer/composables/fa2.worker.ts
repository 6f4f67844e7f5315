/// <reference lib="webworker" />
import Graph from 'graphology';
import forceAtlas2, { type ForceAtlas2Settings } from 'graphology-layout-forceatlas2';

/**
 * ForceAtlas2 in a module worker that vite bundles as its own file. (The package's own blob worker stringifies a
 * function, which breaks once the bundler rewrites that function's surroundings.) The main thread sends nodes and
 * edges once; the worker answers with positions after every chunk of iterations until `rounds` are done.
 */
export interface LayoutRequest {
  /** Interleaved x, y per node (Float32Array of length 2n), in the order of `sizes`. */
  positions: Float32Array;
  sizes: Float32Array;
  /** Pairs of node indices (Uint32Array of length 2m). */
  edges: Uint32Array;
  settings: ForceAtlas2Settings;
  iterationsPerRound: number;
  rounds: number;
}

/** Positions after a round (same layout as the request's); `done` on the last. */
export interface LayoutReply {
  positions: Float32Array;
  done: boolean;
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { positions, sizes, edges, settings, iterationsPerRound, rounds } = event.data;
  const graph = new Graph({ type: 'undirected', multi: false });
  const n = sizes.length;
  for (let i = 0; i < n; i++) graph.addNode(i, { x: positions[2 * i], y: positions[2 * i + 1], size: sizes[i] });
  for (let e = 0; e < edges.length; e += 2) {
    if (edges[e] !== edges[e + 1]) graph.mergeEdge(edges[e], edges[e + 1]);
  }
  for (let round = 0; round < rounds; round++) {
    forceAtlas2.assign(graph, { iterations: iterationsPerRound, settings });
    const out = new Float32Array(2 * n);
    graph.forEachNode((key, a) => {
      out[2 * Number(key)] = a.x as number;
      out[2 * Number(key) + 1] = a.y as number;
    });
    const reply: LayoutReply = { positions: out, done: round === rounds - 1 };
    (self as unknown as Worker).postMessage(reply, [out.buffer]);
  }
};
