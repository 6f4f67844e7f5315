import type { ImportFormatId } from '../../shared/dto';
import type { ImportFormat } from '../import-format';
import { idLayoutFormat } from './id-layout';
import { imageFeaturesFormat } from './image-features';
import { imageFilesFormat } from './image-files';
import { mmkgFormat } from './mmkg';
import { openEaFormat } from './openea';
import { rdfFormat } from './rdf';

/** Every import format by id: the import service, the CLI and the wizard look formats up here. */
export const IMPORT_FORMATS: Record<ImportFormatId, ImportFormat> = {
  'id-layout': idLayoutFormat,
  openea: openEaFormat,
  mmkg: mmkgFormat,
  rdf: rdfFormat,
  'image-features': imageFeaturesFormat,
  'image-files': imageFilesFormat,
};
