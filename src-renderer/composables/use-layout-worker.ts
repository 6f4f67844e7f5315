import type Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';

/**
 * Runs ForceAtlas2 in a web worker for `ms` milliseconds, so the UI stays responsive while nodes settle; sigma
 * redraws as the worker writes positions back. Where a worker cannot start (a strict CSP), a short synchronous
 * run gives a usable layout instead. Returns a function that stops the layout early.
 */
export function runLayout(graph: Graph, ms = 1500, onDone?: () => void): () => void {
  if (graph.order < 2) {
    onDone?.();
    return () => undefined;
  }
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 300, adjustSizes: false, slowDown: 5 };
  let layout: FA2Layout | null = null;
  try {
    layout = new FA2Layout(graph, { settings });
    layout.start();
  } catch {
    forceAtlas2.assign(graph, { iterations: Math.min(300, Math.round(30000 / graph.order)), settings });
    onDone?.();
    return () => undefined;
  }
  const timer = setTimeout(stop, ms);
  let stopped = false;
  function stop(): void {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    layout?.kill();
    onDone?.();
  }
  return stop;
}
