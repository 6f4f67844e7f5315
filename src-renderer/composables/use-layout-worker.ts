import type Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { LayoutReply, LayoutRequest } from './fa2.worker';

/**
 * Runs ForceAtlas2 in a web worker, writing positions back to the graph after each round so sigma redraws as the
 * nodes settle while the UI stays responsive. Where no worker can start, a short synchronous run gives a usable
 * layout instead. Returns a function that stops the layout early.
 */
export function runLayout(graph: Graph, rounds = 12, onDone?: () => void): () => void {
  if (graph.order < 2) {
    onDone?.();
    return () => undefined;
  }
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 300, slowDown: 2 };
  // More iterations per round on small graphs: they are cheap, and a settled picture arrives sooner.
  const iterationsPerRound = Math.max(5, Math.min(60, Math.round(12_000 / graph.order)));
  const keys = graph.nodes();
  const index = new Map(keys.map((k, i) => [k, i]));
  let worker: Worker;
  try {
    worker = new Worker(new URL('./fa2.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    forceAtlas2.assign(graph, { iterations: iterationsPerRound * 4, settings });
    onDone?.();
    return () => undefined;
  }
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    worker.terminate();
    onDone?.();
  };
  worker.onmessage = (event: MessageEvent<LayoutReply>) => {
    if (stopped) return;
    const p = event.data.positions;
    graph.updateEachNodeAttributes((key, attrs) => {
      const i = index.get(key)!;
      return { ...attrs, x: p[2 * i], y: p[2 * i + 1] };
    }, { attributes: ['x', 'y'] });
    if (event.data.done) stop();
  };
  worker.onerror = () => {
    // The worker failed to load or run: fall back to a synchronous layout rather than leave the rings.
    if (stopped) return;
    forceAtlas2.assign(graph, { iterations: iterationsPerRound * 4, settings });
    stop();
  };
  const positions = new Float32Array(2 * keys.length);
  const sizes = new Float32Array(keys.length);
  keys.forEach((k, i) => {
    const a = graph.getNodeAttributes(k);
    positions[2 * i] = a.x;
    positions[2 * i + 1] = a.y;
    sizes[i] = a.size ?? 1;
  });
  const edges = new Uint32Array(2 * graph.size);
  let e = 0;
  graph.forEachEdge((_edge, _attrs, source, target) => {
    edges[e++] = index.get(source)!;
    edges[e++] = index.get(target)!;
  });
  const request: LayoutRequest = { positions, sizes, edges, settings, iterationsPerRound, rounds };
  worker.postMessage(request, [positions.buffer, sizes.buffer, edges.buffer]);
  return stop;
}
