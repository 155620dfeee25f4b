/**
 * The headless host's command line: ports, tokens and the demo clock are read strictly, and a mistake is
 * refused with a sentence naming the option rather than starting a desk on the wrong port or clock.
 */
import { describe, expect, it } from 'vitest';
import { CliError, DEFAULT_PORT, parseClockStart, parseHostArgs } from '../../src/main/host/cli-options';

const KOLKATA = 'Asia/Kolkata';

describe('npm run serve options', () => {
  it('serves on port 5317 with a fresh token by default', () => {
    expect(parseHostArgs([], KOLKATA)).toEqual({ port: DEFAULT_PORT });
    expect(DEFAULT_PORT).toBe(5317);
  });

  it('takes --port N and --port=N', () => {
    expect(parseHostArgs(['--port', '8080'], KOLKATA).port).toBe(8080);
    expect(parseHostArgs(['--port=0'], KOLKATA).port).toBe(0);
  });

  it('refuses a port that is not a port, naming the option', () => {
    expect(() => parseHostArgs(['--port', 'eighty'], KOLKATA)).toThrow(/--port/);
    expect(() => parseHostArgs(['--port', '70000'], KOLKATA)).toThrow(CliError);
  });

  it('refuses a token too short to guard anything', () => {
    expect(() => parseHostArgs(['--token', 'abc'], KOLKATA)).toThrow(/--token/);
    expect(parseHostArgs(['--token', 'a-long-enough-token'], KOLKATA).token).toBe('a-long-enough-token');
  });

  it('refuses an unknown option instead of ignoring it', () => {
    expect(() => parseHostArgs(['--prot', '80'], KOLKATA)).toThrow(/unknown option --prot/);
  });

  it('reads sandbox call length and scripted outcomes', () => {
    const options = parseHostArgs(['--sandbox-call-seconds', '2', '--sandbox-outcomes', 'o.json'], KOLKATA);
    expect(options).toMatchObject({ sandboxCallSeconds: 2, sandboxOutcomesFile: 'o.json' });
    expect(() => parseHostArgs(['--sandbox-call-seconds', '0'], KOLKATA)).toThrow(/--sandbox-call-seconds/);
  });
});

describe('request caps', () => {
  it('reads the largest import file in MB and the largest other request in KB', () => {
    const options = parseHostArgs(['--max-import-file-mb', '5', '--max-request-kb=128'], KOLKATA);
    expect(options).toMatchObject({ maxImportFileMb: 5, maxRequestKb: 128 });
  });

  it('refuses an import cap above what the contract takes, or a request cap too small for settings', () => {
    expect(() => parseHostArgs(['--max-import-file-mb', '16'], KOLKATA)).toThrow(/--max-import-file-mb/);
    expect(() => parseHostArgs(['--max-request-kb', '1'], KOLKATA)).toThrow(/from 16 to 1024/);
  });
});

describe('--clock-start', () => {
  it('reads a local time in the desk zone: 10:58 in Kolkata is 05:28 UTC', () => {
    expect(new Date(parseClockStart('2026-11-24T10:58', KOLKATA)).toISOString()).toBe(
      '2026-11-24T05:28:00.000Z',
    );
    expect(new Date(parseClockStart('2026-11-24T10:58:30', KOLKATA)).toISOString()).toBe(
      '2026-11-24T05:28:30.000Z',
    );
  });

  it('accepts an instant with an explicit offset as it is', () => {
    expect(parseClockStart('2026-11-24T05:28:00Z', KOLKATA)).toBe(Date.UTC(2026, 10, 24, 5, 28));
  });

  it('refuses text that is not a time', () => {
    expect(() => parseClockStart('tomorrow morning', KOLKATA)).toThrow(/--clock-start/);
  });
});
