import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../src-renderer/api';
import { useProjectStore } from '../../../../src-renderer/stores/project';
import { GALLERY_PAGE, useGraphStore } from '../../../../src-renderer/stores/graph';
import { useExportStore } from '../../../../src-renderer/stores/export';
import { useUiStore } from '../../../../src-renderer/stores/ui';
import { createFakeApi, type FakeApi } from '../fake-api';

describe('project store', () => {
  let api: FakeApi;
  beforeEach(() => {
    setActivePinia(createPinia());
    api = createFakeApi();
    setApi(api);
  });

  it('opens a project and goes to the overview', async () => {
    const project = useProjectStore();
    expect(await project.open('/tmp/demo.mmea')).toBe(true);
    expect(project.info?.name).toBe('Demo');
    expect(project.hasGold).toBe(true);
    expect(useUiStore().view).toBe('overview');
  });

  it('shows what went wrong and what to do when a file cannot be opened', async () => {
    const project = useProjectStore();
    expect(await project.open('/nope.mmea')).toBe(false);
    expect(project.isOpen).toBe(false);
    expect(useUiStore().notices[0].error).toMatchObject({ message: 'No project file at /nope.mmea', hint: 'Create a new project or pick another file.' });
    expect(useUiStore().view).toBe('start');
  });
});

describe('graph store', () => {
  let api: FakeApi;
  beforeEach(() => {
    setActivePinia(createPinia());
    api = createFakeApi();
    setApi(api);
  });

  it('focusing an entity also centres the other pane on its gold partner', async () => {
    const graph = useGraphStore();
    await graph.focusPair(1, 7);
    expect(graph.panes[1].center).toBe(7);
    expect(graph.panes[2].center).toBe(1007);
  });

  it('clamps the depth to 1..3 and reloads with it', async () => {
    const graph = useGraphStore();
    await graph.focus(1, 3);
    await graph.configure(1, { depth: 5 });
    expect(graph.panes[1].depth).toBe(3);
    expect(graph.panes[1].data?.nodes[1].depth).toBe(3);
  });

  it('loads only the gallery pages that are on screen, once each', async () => {
    const graph = useGraphStore();
    await graph.setGallery(1, 'all');
    expect(graph.gallery.total).toBe(1000);
    await Promise.all([graph.ensureGallery(300, 400), graph.ensureGallery(350, 420)]);
    const offsets = api.galleryCalls.map((c) => c.offset);
    expect(offsets).toEqual([0, 2 * GALLERY_PAGE, 3 * GALLERY_PAGE]);
    expect(graph.galleryItem(301)?.label).toBe('E301');
    expect(graph.galleryItem(900)).toBeUndefined();
  });
});

describe('export store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    setApi(createFakeApi());
  });

  it('previews the chosen format and saves to a path', async () => {
    const exp = useExportStore();
    await exp.choose({ format: 'sssom', include: 'accepted+auto' });
    expect(exp.preview).toBe('sssom accepted+auto 20');
    expect(await exp.save('/tmp/out.tsv')).toBe(true);
    expect(exp.saved?.path).toBe('/tmp/out.tsv');
  });
});
