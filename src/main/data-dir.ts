/**
 * Where the desk keeps its database and logs: the folder named by ACS_DATA_DIR when set (tests, the headless
 * host, several desks on one machine), else the platform's application-data folder.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'Auto Call Scheduler';

export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const explicit = env.ACS_DATA_DIR?.trim();
  if (explicit) return explicit;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'desk.sqlite');
}

/**
 * Folders the desk creates for customer data, logs, backups and secrets: readable by the operator's account
 * only (the umask alone left them world-readable on Linux). Windows ignores the mode.
 */
export const PRIVATE_FOLDER_MODE = 0o700;
