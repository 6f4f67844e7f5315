import { defineStore } from 'pinia';
import { readonly, ref } from 'vue';
import type { ExportFormatId, ExportInclude } from '@shared/dto';
import { useApi } from '../api';
import { useUiStore } from './ui';

/** The export formats, with what a curator needs to pick one. */
export const EXPORT_FORMATS: readonly { id: ExportFormatId; name: string; extension: string; note: string }[] = [
  { id: 'sameas-nt', name: 'owl:sameAs (N-Triples)', extension: 'nt', note: 'One triple per link, plus a VoID linkset description.' },
  { id: 'sameas-ttl', name: 'owl:sameAs (Turtle)', extension: 'ttl', note: 'The same links in Turtle, with prefixes.' },
  { id: 'sssom', name: 'SSSOM (TSV)', extension: 'sssom.tsv', note: 'Mappings with curator, date, confidence; rejections as predicate_modifier Not.' },
  { id: 'alignment-api', name: 'Alignment API (RDF/XML)', extension: 'rdf', note: 'The OAEI format, read by matchers and evaluators.' },
  { id: 'openea-links', name: 'OpenEA ent_links', extension: 'txt', note: 'Tab-separated IRI pairs, for training other EA models.' },
  { id: 'csv', name: 'CSV', extension: 'csv', note: 'Every column, for spreadsheets.' },
];

/** The export choices, their preview, and saving. */
export const useExportStore = defineStore('export', () => {
  const format = ref<ExportFormatId>('sameas-nt');
  const include = ref<ExportInclude>('accepted');
  const preview = ref('');
  const previewing = ref(false);
  const saved = ref<{ path: string; links: number } | null>(null);

  /** Picks the format and/or the links to include, and refreshes the preview. */
  async function choose(change: { format?: ExportFormatId; include?: ExportInclude }): Promise<void> {
    if (change.format) format.value = change.format;
    if (change.include) include.value = change.include;
    await refreshPreview();
  }

  /** Reads the first lines the chosen export would write. */
  async function refreshPreview(lines = 20): Promise<void> {
    previewing.value = true;
    try {
      preview.value = await useApi().export.preview(format.value, include.value, lines);
    } catch (error) {
      preview.value = '';
      useUiStore().reportError(error);
    } finally {
      previewing.value = false;
    }
  }

  /** Writes the export to `path`. */
  async function save(path: string): Promise<boolean> {
    try {
      saved.value = await useApi().export.save({ format: format.value, include: include.value, path });
      useUiStore().inform(`Saved ${saved.value.links} links to ${saved.value.path}.`);
      return true;
    } catch (error) {
      useUiStore().reportError(error);
      return false;
    }
  }

  return {
    format: readonly(format), include: readonly(include), preview: readonly(preview), previewing: readonly(previewing),
    saved: readonly(saved), choose, refreshPreview, save,
  };
});
