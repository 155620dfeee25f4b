/**
 * The console refuses, with a sentence, to send a message the headless host would close its socket over
 * (1009: the operator would only see "lost the connection"); everything the host takes goes out.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST_LIMITS } from '../../src/main/host';
import { tooLargeToSend } from '../../src/shared/bridge';
import { MAX_IMPORT_FILE_MB, parseDeskArgs } from '../../src/shared/contract';

const MB = 1024 * 1024;
const importMessage = (fileBytes: number, fileName = 'orders.csv') =>
  JSON.stringify({
    id: 1,
    method: 'importCsv',
    args: { fileName, contentBase64: Buffer.alloc(fileBytes, 7).toString('base64') },
  });

describe('the largest message the console sends', () => {
  it('sends a file of the largest size the contract takes, and the host cap admits it', () => {
    const message = importMessage(MAX_IMPORT_FILE_MB * MB, 'é'.repeat(500));
    expect(tooLargeToSend(message)).toBeNull();
    expect(Buffer.byteLength(message)).toBeLessThanOrEqual(DEFAULT_HOST_LIMITS.importRequestBytes);
    const args = (JSON.parse(message) as { args: unknown }).args;
    expect(() => parseDeskArgs('importCsv', args)).not.toThrow();
  });

  it('refuses a larger one here, naming the largest file, and the contract refuses it too', () => {
    const message = importMessage(16 * MB);
    expect(tooLargeToSend(message)).toBe('The file is too large to send: the desk takes files up to 15 MB');
    const args = (JSON.parse(message) as { args: unknown }).args;
    expect(() => parseDeskArgs('importCsv', args)).toThrow(/larger than 15 MB/);
  });

  it('lets every ordinary message through', () => {
    expect(tooLargeToSend(JSON.stringify({ id: 2, method: 'status', args: {} }))).toBeNull();
  });
});
