import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseNativeBinding } from '../../src/main/shell/native-binding';

const base = {
  appPath: '/home/op/acs',
  resourcesPath: '/opt/Auto Call Scheduler/resources',
  isPackaged: false,
  exists: () => true,
};

describe('which better-sqlite3 addon to load', () => {
  it("uses better-sqlite3's own (Node) build under plain Node, so tests never need the Electron one", () => {
    expect(chooseNativeBinding({ ...base, electronVersion: undefined })).toMatchObject({
      ok: true,
      nativeBinding: undefined,
    });
  });

  it('uses native/electron in the project during development', () => {
    expect(chooseNativeBinding({ ...base, electronVersion: '45.4.1' })).toMatchObject({
      ok: true,
      nativeBinding: join('/home/op/acs', 'native', 'electron', 'better_sqlite3.node'),
    });
  });

  it('uses the copy unpacked next to app.asar in the installed app', () => {
    expect(chooseNativeBinding({ ...base, electronVersion: '45.4.1', isPackaged: true })).toMatchObject({
      ok: true,
      nativeBinding: join(
        '/opt/Auto Call Scheduler/resources',
        'app.asar.unpacked',
        'native',
        'electron',
        'better_sqlite3.node',
      ),
    });
  });

  it('tells a developer how to build the Electron addon when it is missing', () => {
    const choice = chooseNativeBinding({ ...base, electronVersion: '45.4.1', exists: () => false });
    expect(choice.ok).toBe(false);
    if (!choice.ok)
      expect(choice.problem).toMatch(/Run `npm start` \(or `node scripts\/electron-native.mjs`\)/);
  });

  it('tells an operator to reinstall when the installed app lacks it', () => {
    const choice = chooseNativeBinding({
      ...base,
      electronVersion: '45.4.1',
      isPackaged: true,
      exists: () => false,
    });
    expect(choice.ok).toBe(false);
    if (!choice.ok) expect(choice.problem).toMatch(/Reinstall Auto Call Scheduler/);
  });
});
