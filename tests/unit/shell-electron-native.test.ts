import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addonMatchesAbi, envForElectronBuild, isUpToDate } from '../../scripts/electron-native-lib.mjs';

const wanted = { electron: '45.4.1', abi: '150', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };

describe('the Electron build of better-sqlite3', () => {
  it('is reused only while Electron, its ABI, better-sqlite3 and the platform are unchanged', () => {
    expect(isUpToDate({ ...wanted, how: 'downloading', at: '2026-11-24T10:00:00Z' }, wanted)).toBe(true);
    expect(isUpToDate({ ...wanted, electron: '45.3.0' }, wanted)).toBe(false);
    expect(isUpToDate({ ...wanted, betterSqlite3: '12.10.0' }, wanted)).toBe(false);
    expect(isUpToDate({ ...wanted, platform: 'win32' }, wanted)).toBe(false);
    expect(isUpToDate(null, wanted)).toBe(false);
  });

  it("rejects an addon built for Node's ABI: the one the tests load is not Electron's", () => {
    const require = createRequire(import.meta.url);
    const nodeBuild = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const bytes = readFileSync(nodeBuild);
    expect(addonMatchesAbi(bytes, process.versions.modules)).toBe(true);
    expect(addonMatchesAbi(bytes, '150')).toBe(false);
    // ABI 15 must not match inside the name of ABI 150.
    expect(addonMatchesAbi(Buffer.from('node_register_module_v150\0'), '15')).toBe(false);
  });

  it("keeps npm's nodedir and target settings away from node-gyp", () => {
    const env = envForElectronBuild({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      npm_config_target: '20.20.2',
      NPM_CONFIG_RUNTIME: 'node',
      npm_config_loglevel: 'silent',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_loglevel: 'silent' });
  });
});
