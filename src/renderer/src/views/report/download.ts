/**
 * Saves a file the desk made (a CSV export) the way a browser saves a download: a Blob behind a temporary
 * link. Works in the headless host's console and in Electron's window (which asks where to save it).
 */
import type { ExportedFile } from '../../../../shared/contract';

export function saveFile(file: ExportedFile, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([file.content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
