/**
 * Secrets in a JSON file readable only by the current user (mode 0600), for the headless host and tests,
 * where Electron's safeStorage is not available.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from './secret-store';

export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  private readAll(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
  }

  get(name: string): string | null {
    return this.readAll()[name] ?? null;
  }

  set(name: string, value: string | null): void {
    const all = this.readAll();
    if (value === null || value === '') delete all[name];
    else all[name] = value;
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    renameSync(temp, this.file);
    chmodSync(this.file, 0o600);
  }
}

/** A secret store that forgets on exit: tests and the simulator. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  get(name: string): string | null {
    return this.values.get(name) ?? null;
  }
  set(name: string, value: string | null): void {
    if (value === null || value === '') this.values.delete(name);
    else this.values.set(name, value);
  }
}
