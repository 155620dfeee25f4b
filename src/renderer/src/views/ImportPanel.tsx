/**
 * CSV import, in three steps the operator can see: the file (picked or dropped) is previewed with the
 * column mapping the desk guessed, the operator may correct the mapping (the preview follows), and the
 * import reports what it added, updated, left unchanged and rejected — with line numbers.
 */
import { useEffect, useState } from 'react';
import { QUEUE_EXCLUDED_ORDER } from '../../../shared/contract';
import type { ImportPreview, ImportResult, SupersededRow } from '../../../shared/desk-types';
import { printableLine } from '../../../shared/printable';
import { SKIP_PHRASE } from '../format/labels';
import { countOf, formatCount, noun } from '../format/numbers';
import { formatPhone } from '../format/phone';
import { Drawer } from '../components/Drawer';
import { command } from '../stores/status-store';
import { refreshList, useList } from '../stores/data-store';
import { desk } from '../transport';
import { Stat } from '../components/Stat';

export interface CsvFile {
  fileName: string;
  contentBase64: string;
}

/** Reads a picked or dropped file (CSV or XLSX) as base64: CSVs may be Windows-1252, the desk decodes the bytes. */
export async function readCsvFile(file: File): Promise<CsvFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return { fileName: file.name, contentBase64: btoa(binary) };
}

const FIELD_LABEL: Record<string, string> = {
  awb: 'AWB',
  customer: 'Customer name',
  phone: 'Phone',
  type: 'Status / order type',
  address: 'Address',
  city: 'City',
  pincode: 'Pincode',
  codAmount: 'COD amount',
  orderId: 'Order id',
  courier: 'Courier',
};

/** What the import means for calling: the queue as it stands now, so "added 5" is not mistaken for "will call 5". */
function QueueAfterImport() {
  const head = useList('queue').head;
  if (!head) return null;
  const counts = head.plan.counts;
  const excluded = QUEUE_EXCLUDED_ORDER.filter((reason) => counts[reason] > 0).map(
    (reason) => `${formatCount(counts[reason])} ${SKIP_PHRASE[reason]}`,
  );
  return (
    <p data-testid="import-next">
      The queue now holds <strong>{formatCount(counts.calls)}</strong> {noun(counts.calls, 'number')} to call
      {counts.cooling > 0 && <>, {formatCount(counts.cooling)} cooling down</>}
      {excluded.length > 0 && <>; left out: {excluded.join(', ')}</>}. The Queue view says why for each order.
    </p>
  );
}

/** The rows an import would write: every row read but those with problems and those a later row replaces
 *  (the import's own sum: read = added + updated + unchanged + rejected + superseded). */
function importable(preview: ImportPreview): number {
  return Math.max(0, preview.read - preview.problems.length - (preview.superseded?.length ?? 0));
}

/** "2 with problems and 1 replaced are left out": why the button's count is not the rows read. */
function leftOutWords(preview: ImportPreview): string {
  const parts = [
    preview.problems.length > 0 && `${formatCount(preview.problems.length)} with problems`,
    (preview.superseded?.length ?? 0) > 0 && `${formatCount(preview.superseded.length)} replaced`,
  ].filter(Boolean);
  const leftOut = preview.problems.length + (preview.superseded?.length ?? 0);
  return `${parts.join(' and ')} ${leftOut === 1 ? 'is' : 'are'} left out`;
}

/** Earlier rows of an AWB listed again: the later row (a later status) is the one imported. */
function SupersededList({ rows }: { rows: SupersededRow[] }) {
  if (rows.length === 0) return null;
  return (
    <details data-testid="import-superseded">
      <summary>
        {rows.length === 1 ? '1 row' : `${rows.length.toLocaleString()} rows`} replaced by a later row of the
        same AWB
      </summary>
      <ul className="muted">
        {rows.slice(0, 50).map((row) => (
          <li key={row.line}>
            Line {row.line}: AWB {printableLine(row.awb)} again on line {row.byLine}; the later row is
            imported
          </li>
        ))}
      </ul>
    </details>
  );
}

function Report({ result }: { result: ImportResult }) {
  return (
    <div data-testid="import-result">
      <div className="stat-row compact">
        <Stat value={result.read} label={`${noun(result.read, 'row')} read`} />
        <Stat value={result.added} label="added" tone="good" />
        <Stat value={result.updated} label="updated" />
        <Stat value={result.unchanged} label="unchanged" />
        <Stat
          value={result.rejected.length}
          label="rejected"
          tone={result.rejected.length > 0 ? 'bad' : undefined}
        />
        {result.superseded.length > 0 && (
          <Stat value={result.superseded.length} label="superseded by a later row" />
        )}
      </div>
      <QueueAfterImport />
      {result.rejected.length > 0 && (
        <ul className="problems">
          {result.rejected.map((p) => (
            <li key={p.line}>
              Line {p.line}: {printableLine(p.reason)}
            </li>
          ))}
        </ul>
      )}
      <SupersededList rows={result.superseded} />
    </div>
  );
}

export function ImportPanel({ file, onClose }: { file: CsvFile; onClose(): void }) {
  const [mapping, setMapping] = useState<Record<string, string | null> | undefined>(undefined);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    // A file the desk can not read (an old .xls, a PDF...) is said here, where the operator is looking.
    desk('previewCsv', { ...file, ...(mapping ? { mapping } : {}) }).then(
      (next) => {
        if (current) setPreview(next);
      },
      (error: unknown) => {
        if (current) setFailure(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      current = false;
    };
  }, [file, mapping]);

  const runImport = async () => {
    setBusy(true);
    const done = await command(() => desk('importCsv', { ...file, ...(mapping ? { mapping } : {}) }));
    setBusy(false);
    if (done) {
      setResult(done);
      void refreshList('orders');
      void refreshList('queue');
    }
  };

  return (
    <Drawer title={`Import ${file.fileName}`} onClose={onClose}>
      {result ? (
        <>
          <Report result={result} />
          <div className="actions">
            <button className="primary" onClick={onClose}>
              Done
            </button>
          </div>
        </>
      ) : failure ? (
        <>
          <p className="bad-text" data-testid="import-failure">
            {printableLine(failure)}
          </p>
          <button onClick={onClose}>Close</button>
        </>
      ) : !preview ? (
        <p className="muted">Reading the file…</p>
      ) : (
        <div data-testid="import-preview">
          <p>
            <strong>{formatCount(preview.read)}</strong> {noun(preview.read, 'row')} read
            {preview.problems.length > 0 && (
              <>
                , <span className="bad-text">{formatCount(preview.problems.length)} with problems</span>
              </>
            )}
            .
          </p>
          <h3>Columns</h3>
          <div className="mapping">
            {Object.entries(preview.mapping).map(([field, header]) => (
              <label key={field}>
                <span>{FIELD_LABEL[field] ?? field}</span>
                <select
                  value={header ?? ''}
                  onChange={(e) => setMapping({ ...preview.mapping, [field]: e.target.value || null })}
                  data-testid={`mapping-${field}`}
                >
                  <option value="">— not in this file —</option>
                  {preview.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <h3>First rows</h3>
          <table className="plain">
            <thead>
              <tr>
                <th>Line</th>
                <th>AWB</th>
                <th>Customer</th>
                <th>Phone</th>
                <th>Type</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.line}>
                  <td className="num">{row.line}</td>
                  <td className="mono">{row.awb}</td>
                  <td>{printableLine(row.customer)}</td>
                  <td className="mono">
                    {row.phoneE164 ? (
                      formatPhone(row.phoneE164)
                    ) : (
                      <span className="bad-text">{row.phoneProblem ?? row.phone}</span>
                    )}
                  </td>
                  <td>
                    {row.type}
                    {row.rawStatus && row.rawStatus !== row.type && (
                      <span className="muted"> ({row.rawStatus})</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.problems.length > 0 && (
            <ul className="problems">
              {preview.problems.slice(0, 50).map((p) => (
                <li key={p.line}>
                  Line {p.line}: {printableLine(p.reason)}
                </li>
              ))}
            </ul>
          )}
          <SupersededList rows={preview.superseded ?? []} />
          <div className="actions drawer-actions">
            <button
              className="primary"
              disabled={busy || importable(preview) === 0}
              onClick={runImport}
              data-testid="import-confirm"
            >
              Import {countOf(importable(preview), 'row')}
            </button>
            <button onClick={onClose}>Cancel</button>
            {importable(preview) < preview.read && (
              <span className="muted" data-testid="import-left-out">
                {leftOutWords(preview)}
              </span>
            )}
          </div>
        </div>
      )}
    </Drawer>
  );
}
