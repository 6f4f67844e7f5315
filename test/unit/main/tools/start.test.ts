import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary, failureReason, installElectron } from '../../../../src-main/tools/start';

function fakeElectronPackage(installScript: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mmea-electron-'));
  writeFileSync(join(dir, 'install.js'), installScript);
  return dir;
}

describe('npm start: finding and installing the Electron binary', () => {
  it('finds the binary only when dist/ and path.txt are both there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmea-electron-'));
    expect(electronBinary(dir)).toBeNull();
    mkdirSync(join(dir, 'dist'));
    expect(electronBinary(dir)).toBeNull();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinary(dir)).toBeNull(); // path.txt names a file that is not there
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(electronBinary(dir)).toBe(join(dir, 'dist', 'electron'));
  });

  it('reports why the installer failed in a few words', () => {
    const dir = fakeElectronPackage("console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at ClientRequest.<anonymous> (x.js:1:1)'); process.exit(1);");
    expect(installElectron(dir)).toBe('getaddrinfo ENOTFOUND github.com');
    expect(failureReason('')).toBe('no output');
  });

  it('succeeds when the installer leaves a binary, and runs without ELECTRON_SKIP_BINARY_DOWNLOAD', () => {
    const dir = fakeElectronPackage(`
      const fs = require('fs');
      if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(3);
      fs.mkdirSync('dist'); fs.writeFileSync('dist/electron', ''); fs.writeFileSync('path.txt', 'electron');`);
    process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
    try {
      expect(installElectron(dir)).toBeNull();
    } finally {
      delete process.env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    }
    expect(electronBinary(dir)).toBe(join(dir, 'dist', 'electron'));
  });

  it('says so when the installer exits cleanly without a binary', () => {
    expect(installElectron(fakeElectronPackage('process.exit(0)'))).toBe('the installer finished but no binary is there');
  });
});
