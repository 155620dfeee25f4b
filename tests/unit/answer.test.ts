/**
 * Reading the customer's answer out of an ended VAPI call: the current structured outputs (keyed by output
 * id, `{ name, result }`), the legacy analysis.structuredData, the success evaluation as a last hint, and the
 * spoken dates and times a Hindi / English call produces.
 */
import { describe, expect, it } from 'vitest';
import {
  ANSWER_INTENTS,
  ANSWER_OUTPUT_NAME,
  isAnswerIntent,
  readAnswer,
  type CustomerAnswer,
} from '../../src/main/domain/answer';
import { normaliseDate, normaliseTime } from '../../src/main/domain/spoken-date-time';

/** Tuesday 24 November 2026. */
const CALL_DATE = '2026-11-24';
const read = (call: unknown) => readAnswer(call, { callDate: CALL_DATE });

function withOutputs(structuredOutputs: unknown, analysis: unknown = {}) {
  return { id: 'call-1', status: 'ended', artifact: { messages: [], structuredOutputs }, analysis };
}

const ours = (result: unknown) => ({
  '6f0c2d44-1b0e-4c8e-9a51-0d2f6b7a9e10': { name: ANSWER_OUTPUT_NAME, result },
});

const EMPTY: Omit<CustomerAnswer, 'intent' | 'source'> = {
  date: null,
  time: null,
  address: null,
  landmark: null,
  codReady: null,
  notes: null,
};

describe('readAnswer: where the answer is', () => {
  it('reads our output by name from artifact.structuredOutputs, among the other outputs of the call', () => {
    const call = withOutputs({
      'a0ca58b1-c343-4628-b088-bf53aabacab9': { name: 'Call Summary', result: 'Customer wants it tomorrow.' },
      'b5a390d8-87c5-4015-b1ad-ed237201bdf0': { name: 'CSAT', result: { intent: 'confirmed' } },
      '7898e478-c8dc-4ff8-a3f6-4a46555a957f': {
        name: 'deliveryAnswer',
        result: { intent: 'reschedule', date: '2026-11-26', notes: 'Out of town till Wednesday.' },
      },
    });
    expect(read(call)).toEqual({
      ...EMPTY,
      intent: 'reschedule',
      date: '2026-11-26',
      notes: 'Out of town till Wednesday.',
      source: 'structuredOutputs',
    });
  });

  it('takes the one result that carries an intent when the operator renamed the output', () => {
    const call = withOutputs({
      x: { name: 'Call Summary', result: 'short' },
      y: { name: 'Delivery answer (v2)', result: { intent: 'callback', time: '17:00' } },
    });
    expect(read(call)).toMatchObject({ intent: 'callback', time: '17:00', source: 'structuredOutputs' });
  });

  it('matches the name loosely and reads a result sent as a JSON string', () => {
    const call = withOutputs({
      x: { name: 'Delivery_Answer', result: '{"intent":"cancel","notes":"Ordered by mistake"}' },
    });
    expect(read(call)).toMatchObject({ intent: 'cancel', notes: 'Ordered by mistake' });
  });

  it('prefers the structured output over the legacy structured data when both are there', () => {
    const call = withOutputs(ours({ intent: 'address-change', address: 'Flat 4B, Sector 21' }), {
      structuredData: { intent: 'confirmed' },
      successEvaluation: 'true',
    });
    expect(read(call)).toMatchObject({ intent: 'address-change', source: 'structuredOutputs' });
  });

  it('falls back to analysis.structuredData on accounts without structured outputs', () => {
    const call = { analysis: { structuredData: { intent: 'wrong-number', notes: 'Neighbour answered' } } };
    expect(read(call)).toEqual({
      ...EMPTY,
      intent: 'wrong-number',
      notes: 'Neighbour answered',
      source: 'structuredData',
    });
  });

  it('falls back to the legacy data when our structured output came back empty', () => {
    const call = withOutputs(ours(null), {
      structuredData: { deliveryAnswer: { intent: 'confirmed', codReady: true } },
    });
    expect(read(call)).toMatchObject({ intent: 'confirmed', codReady: true, source: 'structuredData' });
  });

  it('uses a pass/fail success evaluation only when nothing better is there, and says so', () => {
    expect(read({ analysis: { successEvaluation: 'true' } })).toMatchObject({
      intent: 'confirmed',
      source: 'successEvaluation',
      notes: expect.stringContaining('only a success evaluation'),
    });
    expect(read({ analysis: { successEvaluation: false } })).toMatchObject({
      intent: 'unclear',
      source: 'successEvaluation',
    });
    expect(
      read({ analysis: { successEvaluation: 'The agent greeted the customer; 3 of 5 criteria met.' } }),
    ).toBeNull();
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'ended'],
    ['an array', [{ intent: 'confirmed' }]],
    ['a call without analysis', { id: 'c', status: 'ended' }],
    ['an empty analysis', { analysis: {} }],
    ['empty structured data', { analysis: { structuredData: {} } }],
    ['no structured outputs yet', withOutputs({})],
    ['a null result', withOutputs(ours(null))],
    ['a result that is not an object', withOutputs(ours('confirmed'))],
    ['malformed JSON text', withOutputs(ours('{"intent": "confirmed"'))],
    ['a result with no field we know', withOutputs(ours({ mood: 'happy' }))],
    ['outputs of the wrong type', withOutputs(42, { structuredData: 'yes' })],
  ])('finds no answer in %s', (_label, call) => {
    expect(read(call)).toBeNull();
  });
});

describe('readAnswer: what the answer says', () => {
  it('turns an intent it does not know into unclear and keeps the words in the notes', () => {
    expect(read(withOutputs(ours({ intent: 'maybe-later', notes: 'Will think' })))).toMatchObject({
      intent: 'unclear',
      notes: 'intent "maybe-later"; Will think',
    });
  });

  it('says "no intent given" when fields came without an intent', () => {
    expect(read(withOutputs(ours({ date: 'kal' })))).toMatchObject({
      intent: 'unclear',
      date: '2026-11-25',
      notes: 'no intent given',
    });
  });

  it.each([
    ['Confirmed', 'confirmed'],
    ['ADDRESS_CHANGE', 'address-change'],
    ['address change', 'address-change'],
    ['Wrong Number', 'wrong-number'],
    ['cancelled', 'cancel'],
    ['call back', 'callback'],
  ])('reads the intent "%s" as %s', (said, intent) => {
    expect(read(withOutputs(ours({ intent: said })))?.intent).toBe(intent);
  });

  it('knows every intent by its own name', () => {
    for (const intent of ANSWER_INTENTS) expect(read(withOutputs(ours({ intent })))?.intent).toBe(intent);
  });

  it('normalises the date and the time it was given and keeps what it could not read', () => {
    const answer = read(withOutputs(ours({ intent: 'reschedule', date: 'next week', time: 'shaam ko' })));
    expect(answer).toMatchObject({
      date: null,
      time: null,
      notes: 'date said: "next week"; time said: "shaam ko"',
    });
    expect(read(withOutputs(ours({ intent: 'callback', time: 'shaam 5 baje' })))?.time).toBe('17:00');
  });

  it('reads yes / no words for codReady and blanks for missing text', () => {
    const answer = read(
      withOutputs(
        ours({ intent: 'confirmed', codReady: 'haan', address: '  ', landmark: 'null', notes: '' }),
      ),
    );
    expect(answer).toEqual({ ...EMPTY, intent: 'confirmed', codReady: true, source: 'structuredOutputs' });
    expect(read(withOutputs(ours({ intent: 'confirmed', codReady: 'nahi' })))?.codReady).toBe(false);
    expect(read(withOutputs(ours({ intent: 'confirmed', codReady: 'perhaps' })))?.codReady).toBeNull();
  });

  it('corrects a year the extractor could not know, and says so', () => {
    expect(read(withOutputs(ours({ intent: 'reschedule', date: '2024-11-26' })))).toMatchObject({
      date: '2026-11-26',
      notes: 'date "2024-11-26" read as 2026-11-26',
    });
  });

  it('never throws, whatever the JSON holds', () => {
    const odd: unknown[] = [
      { artifact: { structuredOutputs: [null, 1, 'x', { name: 7, result: [] }] } },
      { artifact: 'nope', analysis: ['x'] },
      withOutputs(ours({ intent: 12, date: { day: 1 }, time: [4], codReady: {}, notes: 5 })),
      withOutputs(ours({ intent: 'reschedule', date: '99/99/9999', time: '99:99' })),
    ];
    for (const call of odd) expect(() => read(call)).not.toThrow();
  });
});

describe('normaliseDate', () => {
  it.each([
    ['kal', '2026-11-25'],
    ['Kal', '2026-11-25'],
    ['kal subah', '2026-11-25'],
    ['कल', '2026-11-25'],
    ['tomorrow', '2026-11-25'],
    ['parso', '2026-11-26'],
    ['day after tomorrow', '2026-11-26'],
    ['परसों', '2026-11-26'],
    ['aaj', '2026-11-24'],
    ['today', '2026-11-24'],
    ['2026-11-27', '2026-11-27'],
    ['2026-11-27T10:00:00.000Z', '2026-11-27'],
    ['27/11/2026', '2026-11-27'],
    ['27-11-26', '2026-11-27'],
    ['27.11.2026', '2026-11-27'],
    ['27/11', '2026-11-27'],
    ['03/01', '2027-01-03'],
    ['27 November', '2026-11-27'],
    ['Nov 27th', '2026-11-27'],
    ['27 नवंबर', '2026-11-27'],
    ['२७/११/२०२६', '2026-11-27'],
    ['2 December 2026', '2026-12-02'],
    ['monday', '2026-11-30'],
    ['agle somvar', '2026-11-30'],
    ['Tuesday', '2026-12-01'],
    ['शुक्रवार', '2026-11-27'],
  ])('reads "%s" on 24 Nov 2026 as %s', (said, date) => {
    expect(normaliseDate(said, CALL_DATE)).toBe(date);
  });

  it.each([['next week'], ['31/02/2026'], ['2026-13-01'], ['soon'], [''], [null], [20261127]])(
    'gives null for %j',
    (said) => {
      expect(normaliseDate(said, CALL_DATE)).toBeNull();
    },
  );

  it('gives null when the call date itself is not a date', () => {
    expect(normaliseDate('kal', '24/11/2026')).toBeNull();
  });
});

describe('normaliseTime', () => {
  it.each([
    ['16:00', '16:00'],
    ['16:00:00', '16:00'],
    ['09:30', '09:30'],
    ['4 pm', '16:00'],
    ['4pm', '16:00'],
    ['4:30 p.m.', '16:30'],
    ['11 am', '11:00'],
    ['12 pm', '12:00'],
    ['12 am', '00:00'],
    ['4 baje', '16:00'],
    ['10 baje', '10:00'],
    ['12 baje', '12:00'],
    ['shaam 5 baje', '17:00'],
    ['subah 7 baje', '07:00'],
    ['dopahar 2 baje', '14:00'],
    ['raat 8 baje', '20:00'],
    ['saade 4', '16:30'],
    ['sava 11', '11:15'],
    ['paune 5', '16:45'],
    ['dedh baje', '13:30'],
    ['dhai baje', '14:30'],
    ['paanch baje', '17:00'],
    ['4 se 6', '16:00'],
    ['4-6 pm', '16:00'],
    ['16:00-18:00', '16:00'],
    ['between 4 to 6 in the evening', '16:00'],
    ['४ बजे', '16:00'],
    ['शाम 6 बजे', '18:00'],
    [16, '16:00'],
  ])('reads %j as %s', (said, time) => {
    expect(normaliseTime(said)).toBe(time);
  });

  it.each([['25:00'], ['4:75'], ['evening'], ['shaam ko'], [''], [null], [{}]])(
    'gives null for %j',
    (said) => {
      expect(normaliseTime(said)).toBeNull();
    },
  );
});

describe('readAnswer: every way of writing an intent', () => {
  it.each([
    ['confirm', 'confirmed'],
    ['confirmation', 'confirmed'],
    ['Delivery confirmed', 'confirmed'],
    ['rescheduled', 'reschedule'],
    ['Reschedule requested', 'reschedule'],
    ['callback_requested', 'callback'],
    ['address changed', 'address-change'],
    ['change-address', 'address-change'],
    ['cancelled', 'cancel'],
    ['canceled', 'cancel'],
    ['cancellation', 'cancel'],
    ['refused', 'cancel'],
    ['wrong person', 'wrong-number'],
    ['unknown', 'unclear'],
    ['  Wrong__Number  ', 'wrong-number'],
    ['call-back', 'callback'],
  ])('"%s" is %s', (said, intent) => {
    expect(read(withOutputs(ours({ intent: said })))).toMatchObject({ intent, notes: null });
  });

  it('keeps an intent it does not know, squashed words and all, in the notes', () => {
    expect(read(withOutputs(ours({ intent: '  call   me  later ' })))).toMatchObject({
      intent: 'unclear',
      notes: 'intent "call me later"',
    });
  });
});

describe('readAnswer: the words that mean nothing, yes or no', () => {
  it.each(['', 'null', 'NONE', 'n/a', 'NA', 'Unknown', '-', '   '])('%j is no address', (said) => {
    expect(read(withOutputs(ours({ intent: 'confirmed', address: said })))?.address).toBeNull();
  });

  it('keeps a number as text and squashes the spaces of the text it keeps', () => {
    expect(
      read(withOutputs(ours({ intent: 'address-change', address: ' Flat  4B,\n Sector 21 ', landmark: 42 }))),
    ).toMatchObject({ address: 'Flat 4B, Sector 21', landmark: '42' });
  });

  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['Yes', true],
    ['haan', true],
    ['han', true],
    ['ha', true],
    ['ready', true],
    ['ji', true],
    ['हाँ', true],
    ['हां', true],
    ['false', false],
    ['no', false],
    ['Nahi', false],
    ['nahin', false],
    ['not  ready', false],
    ['नहीं', false],
    ['maybe', null],
    [1, null],
    [null, null],
  ])('codReady %j is %j', (said, ready) => {
    expect(read(withOutputs(ours({ intent: 'confirmed', codReady: said })))?.codReady).toBe(ready);
  });
});

describe('readAnswer: finding our output', () => {
  it('reads outputs sent as an array', () => {
    const call = withOutputs([
      { name: 'Call Summary', result: 'short' },
      { name: 'deliveryAnswer', result: { intent: 'confirmed' } },
    ]);
    expect(read(call)).toMatchObject({ intent: 'confirmed', source: 'structuredOutputs' });
  });

  it('prefers our output by name over another result that carries an intent', () => {
    const call = withOutputs({
      a: { name: 'Other', result: { intent: 'cancel' } },
      b: { name: 'delivery answer', result: { intent: 'confirmed' } },
    });
    expect(read(call)?.intent).toBe('confirmed');
  });

  it('reads the output under the name the operator gave it', () => {
    const call = withOutputs({
      a: { name: 'deliveryAnswer', result: { intent: 'cancel' } },
      b: { name: 'Parcel Answer', result: { intent: 'confirmed' } },
    });
    expect(readAnswer(call, { callDate: CALL_DATE, outputName: 'parcel-answer' })?.intent).toBe('confirmed');
  });

  it('does not guess between two unnamed results that both carry an intent', () => {
    const call = withOutputs({
      a: { name: 'One', result: { intent: 'cancel' } },
      b: { name: 'Two', result: { intent: 'confirmed' } },
      c: { name: 'Three', result: { mood: 'fine' } },
    });
    expect(read(call)).toBeNull();
  });

  it('reads a result sent as JSON text with spaces before it', () => {
    expect(read(withOutputs(ours('  {"intent":"confirmed"}')))?.intent).toBe('confirmed');
  });

  it('reads an artifact and an analysis sent as JSON text', () => {
    const call = {
      artifact: JSON.stringify({ structuredOutputs: ours({ intent: 'cancel' }) }),
      analysis: JSON.stringify({ structuredData: { intent: 'confirmed' } }),
    };
    expect(read(call)?.intent).toBe('cancel');
    expect(read({ analysis: call.analysis })?.intent).toBe('confirmed');
  });

  it('reads legacy data nested under our name, loosely matched, and as JSON text', () => {
    expect(read({ analysis: { structuredData: { Delivery_Answer: { intent: 'cancel' } } } })?.intent).toBe(
      'cancel',
    );
    expect(
      read({
        analysis: {
          structuredData: { other: { intent: 'cancel' }, deliveryAnswer: '{"intent":"confirmed"}' },
        },
      })?.intent,
    ).toBe('confirmed');
    expect(read({ analysis: { structuredData: '{"intent":"reschedule","date":"kal"}' } })).toMatchObject({
      intent: 'reschedule',
      date: '2026-11-25',
      source: 'structuredData',
    });
    expect(read({ analysis: { structuredData: { other: { intent: 'cancel' } } } })).toBeNull();
  });

  it('falls back to the legacy data when our output says nothing', () => {
    const call = withOutputs(ours({ intent: null }), { structuredData: { intent: 'cancel' } });
    expect(read(call)).toMatchObject({ intent: 'cancel', source: 'structuredData' });
  });
});

describe('readAnswer: an answer without a known intent', () => {
  it.each([
    ['only notes', { notes: 'Call my wife' }, 'no intent given; Call my wife'],
    ['only a time', { time: '17:00' }, 'no intent given'],
    ['only an address', { address: 'Flat 4' }, 'no intent given'],
    ['only a landmark', { landmark: 'temple' }, 'no intent given'],
    ['only codReady', { codReady: 'haan' }, 'no intent given'],
    ['only a time it cannot read', { time: 'shaam ko' }, 'no intent given; time said: "shaam ko"'],
    ['only a date it cannot read', { date: 'next week' }, 'no intent given; date said: "next week"'],
  ])('is unclear with %s', (_label, result, notes) => {
    expect(read(withOutputs(ours(result)))).toMatchObject({ intent: 'unclear', notes });
  });

  it('is no answer at all when every field is empty', () => {
    expect(
      read(
        withOutputs(ours({ intent: 'n/a', date: '', time: null, address: '-', landmark: 'none', notes: '' })),
      ),
    ).toBeNull();
  });
});

describe('readAnswer: the success evaluation as a last hint', () => {
  it('says which evaluation it used', () => {
    expect(read({ analysis: { successEvaluation: 'Pass' } })).toEqual({
      ...EMPTY,
      intent: 'confirmed',
      notes: 'only a success evaluation ("Pass") was available',
      source: 'successEvaluation',
    });
    expect(read({ analysis: { successEvaluation: 3 } })).toMatchObject({
      intent: 'unclear',
      notes: 'only a success evaluation ("3") was available',
    });
  });

  it('gives nothing for an empty evaluation', () => {
    expect(read({ analysis: { successEvaluation: '' } })).toBeNull();
    expect(read({ analysis: { successEvaluation: null } })).toBeNull();
  });
});

describe('isAnswerIntent', () => {
  it.each([...ANSWER_INTENTS])('knows %s', (intent) => {
    expect(isAnswerIntent(intent)).toBe(true);
  });
  it.each(['Confirmed', 'maybe', '', 3, null])('does not know %j', (value) => {
    expect(isAnswerIntent(value)).toBe(false);
  });
});
