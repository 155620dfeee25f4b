/**
 * The desk's intake methods: preview and import a CSV or XLSX file (in the intake worker, off the dialler's
 * thread) and sync the order source now. Each import or sync tells the console its data changed.
 */
import type { DeskApi } from '../../shared/contract';
import type { DeskIntake } from './desk-intake';

export interface IntakeHandlerDeps {
  intake: Pick<DeskIntake, 'preview' | 'importFile' | 'syncNow'>;
  changed: () => void;
}

export function intakeHandlers(
  deps: IntakeHandlerDeps,
): Pick<DeskApi, 'previewCsv' | 'importCsv' | 'syncNow'> {
  const { intake, changed } = deps;
  return {
    previewCsv: async (file) => intake.preview(file),
    importCsv: async (file) => {
      const result = await intake.importFile(file);
      changed();
      return result;
    },
    syncNow: async () => {
      const result = await intake.syncNow();
      changed();
      return result;
    },
  };
}
