/**
 * The desk's side of order intake: preview and import of CSV and XLSX files (remembering the operator's
 * column mapping), run in the intake worker so that a large file never stalls calls in flight, and sync
 * from the configured order source, before every session and on demand. A failed sync is reported and
 * logged; it never stops a session from calling the orders already known.
 */
import type { ImportPreview, ImportResult, SyncStatus } from '../../shared/desk-types';
import { printableLine } from '../../shared/printable';
import type { Clock } from '../clock';
import { adapterFromSettings, syncOrders } from '../intake/sync';
import type { IntakeWorker } from '../intake/worker/intake-client';
import type { Logger } from '../log';
import { redactSecrets } from '../shell/rotating-log';
import type { Store } from '../store';
import type { DeskSettings } from './desk-settings';
import type { LiveState } from './live-state';

export interface CsvFile {
  fileName: string;
  contentBase64: string;
  mapping?: Record<string, string | null>;
}

export class DeskIntake {
  constructor(
    private readonly store: Store,
    private readonly settings: DeskSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly live: LiveState,
    private readonly worker: IntakeWorker,
  ) {}

  preview(file: CsvFile): Promise<ImportPreview> {
    return this.worker.preview(file.contentBase64, {
      fileName: file.fileName,
      mapping: file.mapping,
      region: this.settings.calling().phoneRegion,
    });
  }

  async importFile(file: CsvFile): Promise<ImportResult> {
    const result = await this.worker.import(file.contentBase64, {
      fileName: file.fileName,
      mapping: file.mapping,
      region: this.settings.calling().phoneRegion,
      now: this.clock.now(),
    });
    const superseded = result.superseded.length > 0 ? `, ${result.superseded.length} superseded` : '';
    this.logger.log({
      at: this.clock.now(),
      level: result.rejected.length > 0 ? 'warn' : 'info',
      message: `Imported ${printableLine(file.fileName)}: ${result.read} rows, ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected.length} rejected${superseded}`,
    });
    const { typeChanges: _typeChanges, ...imported } = result;
    return imported;
  }

  /** Lets an import in progress finish and ends the worker. */
  close(): Promise<void> {
    return this.worker.close();
  }

  async syncNow(): Promise<SyncStatus> {
    const source = this.settings.orderSource();
    const secret = this.settings.orderSourceSecret();
    const adapter = adapterFromSettings(source, secret?.value ?? null, secret?.origins ?? undefined);
    if (!adapter) {
      const status: SyncStatus = {
        at: this.clock.now(),
        ok: false,
        source: 'none',
        fetched: 0,
        added: 0,
        updated: 0,
        typeChanges: 0,
        error: 'No order source is configured — open Settings, or import a CSV',
      };
      this.live.lastSync = status;
      return status;
    }
    const calling = this.settings.calling();
    const result = await syncOrders(this.store, adapter, {
      now: this.clock.now(),
      region: calling.phoneRegion,
      timezone: calling.timezone,
      logger: this.logger,
    });
    const status: SyncStatus = {
      at: this.clock.now(),
      ok: !result.error,
      source: adapter.name,
      fetched: result.fetched,
      added: result.added,
      updated: result.updated,
      typeChanges: result.typeChanges.length,
      // The source's own words may quote the credentials it refused.
      error: result.error ? redactSecrets(result.error, this.settings.secretValues()) : null,
    };
    this.live.lastSync = status;
    this.logger.log({
      at: this.clock.now(),
      level: status.ok ? 'info' : 'error',
      message: status.ok
        ? `Synced from ${status.source}: ${status.fetched} orders, ${status.added} new, ${status.typeChanges} changed type`
        : `Sync from ${status.source} failed: ${status.error}`,
    });
    return status;
  }

  /** Before a session: sync when a source is configured and wanted; never throws. */
  async syncBeforeSession(): Promise<void> {
    const source = this.settings.orderSource();
    if (source.kind === 'none' || !source.syncBeforeSessions) return;
    try {
      await this.syncNow();
    } catch (error) {
      this.logger.log({
        at: this.clock.now(),
        level: 'error',
        message: `Sync before the session failed; calling the orders already known: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}
