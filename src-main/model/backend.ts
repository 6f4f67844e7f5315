import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '../shared/dto';

/** A backend the chooser knows, fastest first. */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

const ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** The native packages are optional dependencies: require() them by a computed name so bundlers leave them alone. */
const NATIVE: Partial<Record<BackendName, string>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

/**
 * Picks and activates the fastest TF.js backend that works here: native GPU, native CPU, wasm (SIMD; threads are
 * off in Node), then the plain JS cpu backend. `preference` forces one (tests compare cpu against wasm); when the
 * forced one fails, the error is thrown rather than silently falling back. Returns what was tried and why it failed.
 */
export async function selectBackend(preference?: BackendName): Promise<BackendInfo> {
  const tried: BackendInfo['tried'] = [];
  const candidates = preference ? [preference] : ORDER;
  for (const name of candidates) {
    try {
      await activate(name);
      tried.push({ name, ok: true });
      return { name: tf.getBackend(), tried };
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      tried.push({ name, ok: false, reason });
      if (preference) throw new Error(`TF.js backend "${name}" is unavailable: ${reason}`, { cause: error });
    }
  }
  throw new Error(`no TF.js backend works: ${tried.map((t) => `${t.name}: ${t.reason}`).join('; ')}`);
}

async function activate(name: BackendName): Promise<void> {
  const native = NATIVE[name];
  if (native) {
    // Registers the 'tensorflow' backend as a side effect; throws MODULE_NOT_FOUND where the package is absent.
    const req = eval('require') as NodeRequire;
    req(native);
    if (!(await tf.setBackend('tensorflow'))) throw new Error(`${native} loaded but its backend did not initialise`);
    return;
  }
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // In Node the package reads its .wasm files beside its own module (setWasmPaths would go through fetch(),
    // which cannot read files), so bundles must keep @tensorflow/tfjs-backend-wasm external.
    void wasm;
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialise');
    return;
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not initialise');
}
