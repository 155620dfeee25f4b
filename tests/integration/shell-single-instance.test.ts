/**
 * A second launch on the same data folder: it must not open the database or dial; it quits at once, and the
 * first instance (which Electron tells through 'second-instance') shows its window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import * as fake from './shell-fake-electron';

vi.mock('electron', async () => await import('./shell-fake-electron'));
const createDesk = vi.fn();
vi.mock('../../src/main/desk', () => ({ createDesk }));

const dataDir = mkdtempSync(join(tmpdir(), 'acs-second-'));
afterAll(() => {
  delete process.env.ACS_DATA_DIR;
  rmSync(dataDir, { recursive: true, force: true });
});

it('quits without opening the desk when another instance holds the lock', async () => {
  process.env.ACS_DATA_DIR = dataDir;
  fake.state.singleInstanceLock = false;
  await import('../../src/main/index');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(fake.app.paths.get('userData')).toBe(dataDir);
  expect(fake.calls.quit).toBe(1);
  expect(createDesk).not.toHaveBeenCalled();
  expect(fake.BrowserWindow.created).toHaveLength(0);
});
