import { defineStore } from 'pinia';
import { computed, readonly, ref, shallowRef } from 'vue';
import type { EntitySummary, GalleryFilter, GalleryItem, Neighbourhood } from '@shared/dto';
import type { GraphSide } from '@shared/model';
import { useApi } from '../api';
import { useUiStore } from './ui';

/** Gallery rows are fetched in pages of this many items, only for the rows on screen. */
export const GALLERY_PAGE = 120;

interface PaneState {
  center: number | null;
  depth: number;
  relations: string[] | null;
  data: Neighbourhood | null;
  loading: boolean;
}

const emptyPane = (): PaneState => ({ center: null, depth: 1, relations: null, data: null, loading: false });

/**
 * The graph view's two panes (a neighbourhood per graph, plain data: the canvas builds its own graphology) and
 * the gallery's paged image lists. Large arrays live in shallow refs: Vue need not watch every node.
 */
export const useGraphStore = defineStore('graph', () => {
  const panes = shallowRef<Record<GraphSide, PaneState>>({ 1: emptyPane(), 2: emptyPane() });
  const relationTypes = ref<Record<GraphSide, { iri: string; count: number }[]>>({ 1: [], 2: [] });
  const maxNodes = ref(500);

  function patch(side: GraphSide, change: Partial<PaneState>): void {
    panes.value = { ...panes.value, [side]: { ...panes.value[side], ...change } };
  }

  /** Loads the relation types of both graphs (for the filter). */
  async function loadRelations(): Promise<void> {
    try {
      const api = useApi();
      const [one, two] = await Promise.all([api.graph.relations(1), api.graph.relations(2)]);
      relationTypes.value = { 1: one, 2: two };
    } catch (error) {
      useUiStore().reportError(error);
    }
  }

  /** Centres a pane on an entity and loads its neighbourhood. */
  async function focus(side: GraphSide, entityId: number): Promise<Neighbourhood | null> {
    patch(side, { center: entityId });
    return reload(side);
  }

  /** Sets depth (1-3) and/or the relation filter (null = all) of a pane and reloads it. */
  async function configure(side: GraphSide, change: { depth?: number; relations?: string[] | null }): Promise<void> {
    const depth = change.depth === undefined ? panes.value[side].depth : Math.min(3, Math.max(1, change.depth));
    patch(side, { depth, relations: change.relations === undefined ? panes.value[side].relations : change.relations });
    await reload(side);
  }

  async function reload(side: GraphSide): Promise<Neighbourhood | null> {
    const pane = panes.value[side];
    if (pane.center === null) return null;
    patch(side, { loading: true });
    try {
      const data = await useApi().graph.neighbourhood(pane.center, pane.depth, pane.relations, maxNodes.value);
      // A slower earlier request must not overwrite a newer centre.
      if (panes.value[side].center === data.center) patch(side, { data, loading: false });
      return data;
    } catch (error) {
      patch(side, { loading: false });
      useUiStore().reportError(error);
      return null;
    }
  }

  /** Focuses an entity and, when it is linked to the other graph, the other pane on its best partner. */
  async function focusPair(side: GraphSide, entityId: number): Promise<void> {
    const data = await focus(side, entityId);
    const center = data?.nodes.find((n) => n.id === entityId);
    const order = ['gold', 'accepted', 'auto', 'candidate'];
    const partner = [...(center?.links ?? [])].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status))[0];
    if (partner) await focus(side === 1 ? 2 : 1, partner.otherId);
  }

  /** Entities whose label or IRI contains `text`. */
  async function search(side: GraphSide, text: string, limit = 20): Promise<EntitySummary[]> {
    if (!text.trim()) return [];
    try {
      return await useApi().graph.search(side, text.trim(), limit);
    } catch (error) {
      useUiStore().reportError(error);
      return [];
    }
  }

  // Gallery: a sparse cache of pages so that a 15,000-image graph never loads all at once.
  const gallery = shallowRef<{ side: GraphSide; filter: GalleryFilter['filter']; total: number | null; pages: Map<number, GalleryItem[]> }>({
    side: 1, filter: 'all', total: null, pages: new Map(),
  });
  const inflight = new Map<string, Promise<void>>();
  /** Bumped whenever a page arrives, so grids re-read `galleryItem`. */
  const revision = ref(0);

  /** Switches the gallery's graph or filter, dropping cached pages. */
  async function setGallery(side: GraphSide, filter: GalleryFilter['filter']): Promise<void> {
    gallery.value = { side, filter, total: null, pages: new Map() };
    inflight.clear();
    revision.value++;
    await ensureGallery(0, GALLERY_PAGE);
  }

  /** Makes sure items [start, end) are loaded, fetching only the missing pages. */
  async function ensureGallery(start: number, end: number): Promise<void> {
    const state = gallery.value;
    const first = Math.floor(start / GALLERY_PAGE);
    const last = Math.floor(Math.max(start, end - 1) / GALLERY_PAGE);
    const loads: Promise<void>[] = [];
    for (let page = first; page <= last; page++) {
      if (state.pages.has(page)) continue;
      if (state.total !== null && page * GALLERY_PAGE >= state.total) break;
      const key = `${state.side}:${state.filter}:${page}`;
      let load = inflight.get(key);
      if (!load) {
        load = useApi().graph.gallery({ side: state.side, filter: state.filter, offset: page * GALLERY_PAGE, limit: GALLERY_PAGE })
          .then((result) => {
            if (gallery.value !== state) return; // the filter changed meanwhile
            state.total = result.total;
            state.pages.set(page, result.items);
            revision.value++;
          })
          .catch((error: unknown) => void useUiStore().reportError(error))
          .finally(() => inflight.delete(key));
        inflight.set(key, load);
      }
      loads.push(load);
    }
    await Promise.all(loads);
  }

  /** The item at `index`, or undefined while its page is loading. */
  function galleryItem(index: number): GalleryItem | undefined {
    void revision.value; // a reactive dependency: templates re-render when pages arrive
    return gallery.value.pages.get(Math.floor(index / GALLERY_PAGE))?.[index % GALLERY_PAGE];
  }

  return {
    panes: computed(() => panes.value), relationTypes: readonly(relationTypes), maxNodes: readonly(maxNodes),
    gallery: computed(() => ({ side: gallery.value.side, filter: gallery.value.filter, total: gallery.value.total, revision: revision.value })),
    loadRelations, focus, focusPair, configure, search, setGallery, ensureGallery, galleryItem,
  };
});
