import { open } from 'node:fs/promises';
import { AppError, badInput } from '../../../shared/errors';
import { ioError } from '../lib/line-reader';

/** The header of a 2-D little-endian float matrix in NumPy's .npy format. */
export interface NpyHeader {
  rows: number;
  cols: number;
  /** 4 for float32, 8 for float64. */
  itemSize: 4 | 8;
  /** Byte offset of the first row. */
  dataOffset: number;
}

const MAGIC = '\x93NUMPY';

/**
 * Reads and checks the header (format versions 1-3): `descr` must be `<f4` or `<f8` (`|`/`=` prefixes accepted
 * on this little-endian machine), `fortran_order` False (rows contiguous), `shape` two-dimensional, and the file
 * must hold every row the shape promises.
 */
export async function readNpyHeader(path: string): Promise<NpyHeader> {
  let head: Buffer;
  let size: number;
  try {
    const handle = await open(path, 'r');
    try {
      size = (await handle.stat()).size;
      head = Buffer.alloc(Math.min(size, 65_536 + 12));
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw ioError(path, error);
  }
  if (head.length < 10 || head.toString('latin1', 0, 6) !== MAGIC) throw badInput(path, undefined, 'not a .npy file (no \\x93NUMPY magic)');
  const major = head[6];
  if (major < 1 || major > 3) throw badInput(path, undefined, `unsupported .npy version ${major}.${head[7]}`);
  const lengthBytes = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? head.readUInt16LE(8) : head.readUInt32LE(8);
  const dataOffset = 8 + lengthBytes + headerLength;
  if (dataOffset > head.length) throw badInput(path, undefined, 'truncated .npy header');
  const header = head.toString(major === 3 ? 'utf8' : 'latin1', 8 + lengthBytes, dataOffset);

  const descr = /['"]descr['"]\s*:\s*['"]([<>|=]?)([a-zA-Z])(\d+)['"]/.exec(header);
  if (!descr) throw badInput(path, undefined, 'the .npy header has no descr');
  const [, order, kind, bytes] = descr;
  if (order === '>') throw badInput(path, undefined, 'big-endian .npy data is not supported (save it as little-endian, e.g. arr.astype("<f4"))');
  if (kind !== 'f' || (bytes !== '4' && bytes !== '8')) throw badInput(path, undefined, `unsupported dtype ${order}${kind}${bytes} (expected float32 <f4 or float64 <f8)`);
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header);
  if (!fortran) throw badInput(path, undefined, 'the .npy header has no fortran_order');
  if (fortran[1] === 'True') throw badInput(path, undefined, 'Fortran-ordered .npy data is not supported (save a C-ordered array)');
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header);
  if (!shape) throw badInput(path, undefined, 'the .npy header has no shape');
  const dims = shape[1].split(',').map((d) => d.trim()).filter((d) => d !== '').map(Number);
  if (dims.length !== 2 || dims.some((d) => !Number.isInteger(d) || d < 0)) throw badInput(path, undefined, `expected a 2-D matrix, found shape (${shape[1]})`);
  const [rows, cols] = dims;
  const itemSize = Number(bytes) as 4 | 8;
  const expected = dataOffset + rows * cols * itemSize;
  if (size < expected) {
    const whole = Math.floor((size - dataOffset) / (cols * itemSize || 1));
    throw badInput(path, undefined, `truncated .npy file: shape (${rows}, ${cols}) needs ${expected} bytes, the file has ${size} (only ${whole} whole rows)`);
  }
  if (cols === 0) throw new AppError('BAD_INPUT', 'the matrix has no columns', { file: path });
  return { rows, cols, itemSize, dataOffset };
}
