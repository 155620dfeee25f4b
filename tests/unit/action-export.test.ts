/**
 * The Needs-action CSV as Excel opens it: a UTF-8 byte-order mark, the delivery team's columns in words,
 * phones as they are dialled in the desk's country, times in the desk's zone, quoting, and no cell Excel would
 * run as a formula.
 */
import { describe, expect, it } from 'vitest';
import { actionsCsv, csvCell, phoneForSheet } from '../../src/main/desk/action-export';
import type { ActionView } from '../../src/shared/desk-types';
import { at } from '../helpers/factories';

function action(overrides: Partial<ActionView> = {}): ActionView {
  return {
    id: 1,
    kind: 'reschedule',
    state: 'open',
    awb: 'AWB1000001',
    customer: 'राजेश कुमार',
    phoneE164: '+919876500001',
    orderAddress: '12 MG Road',
    date: '2026-11-26',
    time: '15:00',
    address: null,
    landmark: null,
    notes: null,
    createdAt: at('2026-11-24T10:05'),
    doneAt: null,
    doneNote: null,
    callId: 7,
    summary: 'The customer asked for delivery on Thursday afternoon.',
    recordingUrl: 'https://storage.vapi.ai/7.wav',
    writeback: { state: 'none', attempts: 0, message: null, nextAttemptAt: null, phone: null },
    ...overrides,
  };
}

const OPTIONS = {
  timezone: 'Asia/Kolkata',
  region: 'IN',
  now: at('2026-11-24T12:00'),
  state: 'open',
} as const;

function rows(content: string): string[] {
  return content.replace(/^\uFEFF/, '').split('\r\n');
}

describe('the CSV for the delivery team', () => {
  it('starts with a byte-order mark, names the file by its day, and has one line per action', () => {
    const file = actionsCsv([action(), action({ id: 2, awb: 'AWB1000002' })], OPTIONS);
    expect(file.fileName).toBe('needs-action-open-2026-11-24.csv');
    expect(file.content.startsWith('\uFEFFAWB,Customer,Phone,Action,')).toBe(true);
    expect(file.content.endsWith('\r\n')).toBe(true);
    expect(rows(file.content)).toHaveLength(4);
  });

  it('writes what to do in words, the phone as dialled here and the time in the desk’s zone', () => {
    const [header, line] = rows(actionsCsv([action()], OPTIONS).content);
    expect(header).toBe(
      'AWB,Customer,Phone,Action,Date,Time,New address,Landmark,Notes,What was said,Recording,Raised at,State,Courier status',
    );
    expect(line).toBe(
      'AWB1000001,राजेश कुमार,098765 00001,Deliver another day,2026-11-26,15:00,,,,The customer asked for delivery on Thursday afternoon.,https://storage.vapi.ai/7.wav,2026-11-24 10:05,Open,Not sent',
    );
  });

  it('quotes addresses with commas, quotes and line breaks', () => {
    const [, line] = rows(
      actionsCsv(
        [action({ kind: 'address-change', address: 'Flat 3, "Shanti"\nSector 21', landmark: 'Metro' })],
        OPTIONS,
      ).content,
    );
    expect(line).toContain(',New address,2026-11-26,15:00,"Flat 3, ""Shanti""\nSector 21",Metro,');
  });

  it('says where the action stands with the courier, and the note it was closed with', () => {
    const [, line] = rows(
      actionsCsv(
        [
          action({
            state: 'done',
            doneNote: 'Sent to iThink Logistics: reattempt on 2026-11-26',
            writeback: {
              state: 'sent',
              attempts: 1,
              message: 'reattempt/rto done successfully.',
              nextAttemptAt: null,
              phone: null,
            },
          }),
        ],
        { ...OPTIONS, state: 'all' },
      ).content,
    );
    expect(line).toContain(',Sent to iThink Logistics: reattempt on 2026-11-26,');
    expect(line).toMatch(/,Done,Sent: reattempt\/rto done successfully\.$/);
  });

  it('never hands Excel a formula: = + - @ and tab first get an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+91 98765 00001')).toBe("'+91 98765 00001");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('Near = the temple')).toBe('Near = the temple');
    const [, line] = rows(actionsCsv([action({ notes: '=1+1', summary: '@cmd' })], OPTIONS).content);
    expect(line).toContain(",'=1+1,'@cmd,");
  });
});

describe('plain text only', () => {
  it('drops escape sequences and control characters from every cell, a done note and a summary included', () => {
    const [, line] = rows(
      actionsCsv(
        [
          action({
            state: 'done',
            doneNote: 'told \u001b[31mrider\u0007',
            summary: 'ok\u001b]0;x\u0007 fine',
          }),
        ],
        OPTIONS,
      ).content,
    );
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(line).toContain('told rider');
    expect(line).toContain('ok fine');
  });
});

describe('phones in the sheet', () => {
  it('writes the desk’s own numbers as dialled there, and others internationally', () => {
    expect(phoneForSheet('+919876500001', 'IN')).toBe('098765 00001');
    expect(phoneForSheet('+971501234567', 'IN')).toBe('+971 50 123 4567');
    expect(phoneForSheet(null, 'IN')).toBe('');
  });
});
