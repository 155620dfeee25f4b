/** Key-value settings stored as JSON: calling settings, remembered CSV mappings, order-source config. */
import type { SqliteDatabase } from './database';

export class SettingsRepository {
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(db: SqliteDatabase) {
    this.select = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.upsert = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.remove = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  getJson<T>(key: string): T | undefined {
    const row = this.select.get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  setJson(key: string, value: unknown): void {
    if (value === undefined) this.remove.run(key);
    else this.upsert.run(key, JSON.stringify(value));
  }
}
