import type { Api } from '../shared/api';
import type { ProjectSession } from './session';

/** Api['graph']: the open project's graph queries (the store answers them from SQLite). */
export function createGraphHandlers(deps: { session: ProjectSession }): Api['graph'] {
  const graph = () => deps.session.require().store.graph;
  return {
    async entity(id) {
      return graph().entity(id);
    },
    async search(side, text, limit) {
      return graph().search(side, text, limit);
    },
    async neighbourhood(id, depth, relations, maxNodes) {
      return graph().neighbourhood(id, depth, relations, maxNodes);
    },
    async relations(side) {
      return graph().relations(side);
    },
    async gallery(filter) {
      return graph().gallery(filter);
    },
  };
}
