/**
 * The fake VAPI's answered calls: for every answer the shipped assistant can bring back, a plausible
 * Hinglish or English dialogue whose messages, structured outputs and legacy analysis have VAPI's exact
 * shapes, and whose answer the desk's reader gets back from wherever the account puts it.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import {
  conversationFor,
  DEFAULT_OUTPUT_ID,
  parcelFromVariables,
  type ConversationRequest,
} from '../../src/dev/fake-vapi/conversation';
import { ANSWER_INTENTS, ANSWER_OUTPUT_NAME, readAnswer } from '../../src/main/domain/answer';
import { vapiSchemaErrors } from '../helpers/vapi-schemas';

/** 24 Nov 2026, 10:00:05 in Asia/Kolkata: the customer picks up. */
const PICKED_UP = Date.UTC(2026, 10, 24, 4, 30, 5);
const CALL_DATE = '2026-11-24';

const facts = { customerName: 'Raj Kumar', awb: 'AWB1000001', codAmount: '1250', orderType: 'OFD' };

const assistant = JSON.parse(
  readFileSync(
    new URL('../../resources/assistant/delivery-confirmation.assistant.json', import.meta.url),
    'utf8',
  ),
) as { firstMessage: string; artifactPlan: { structuredOutputs: Array<{ schema: object }> } };
const resultSchema = new Ajv2020({ strict: false }).compile({
  ...assistant.artifactPlan.structuredOutputs[0]!.schema,
  additionalProperties: false,
});

function talk(request: Partial<ConversationRequest> & Pick<ConversationRequest, 'intent'>) {
  return conversationFor({ facts, startedAt: PICKED_UP, ...request });
}

const LANGUAGES = ['hinglish', 'english'] as const;
const CASES = ANSWER_INTENTS.flatMap((intent) => LANGUAGES.map((language) => [intent, language] as const));

describe('conversationFor({ intent, ... })', () => {
  it.each(CASES)('gives %s (%s) in the shapes VAPI sends', (intent, language) => {
    const call = talk({ intent, language });
    for (const message of call.artifact.messages) {
      expect(vapiSchemaErrors(message.role === 'bot' ? 'BotMessage' : 'UserMessage', message)).toEqual([]);
    }
    const outputs = Object.values(call.artifact.structuredOutputs ?? {});
    expect(outputs).toHaveLength(1);
    for (const output of outputs) expect(vapiSchemaErrors('StructuredOutputRunResult', output)).toEqual([]);
    expect(vapiSchemaErrors('Analysis', call.analysis)).toEqual([]);
    expect(resultSchema(call.answer)).toBe(true);
  });

  it.each(CASES)('gives back %s (%s) through the desk reader, from either place', (intent, language) => {
    const call = talk({ intent, language });
    const read = (placement: object) => readAnswer(placement, { callDate: CALL_DATE });
    expect(read({ artifact: call.artifact, analysis: call.analysis })).toMatchObject({
      intent,
      source: 'structuredOutputs',
    });
    const legacy = talk({ intent, language, answerIn: 'legacy' });
    expect(legacy.artifact.structuredOutputs).toBeUndefined();
    expect(read({ artifact: legacy.artifact, analysis: legacy.analysis })).toMatchObject({
      intent,
      source: 'structuredData',
    });
  });

  it('keys the structured output by an output id, with our output name', () => {
    expect(talk({ intent: 'confirmed' }).artifact.structuredOutputs).toEqual({
      [DEFAULT_OUTPUT_ID]: { name: ANSWER_OUTPUT_NAME, result: { intent: 'confirmed', codReady: true } },
    });
    expect(Object.keys(talk({ intent: 'cancel', outputId: 'run-1' }).artifact.structuredOutputs!)).toEqual([
      'run-1',
    ]);
  });

  it('carries no answer at all when asked for an account without one', () => {
    const call = talk({ intent: 'confirmed', answerIn: 'none' });
    expect(call.analysis).toEqual({});
    expect(call.artifact.structuredOutputs).toBeUndefined();
    expect(
      readAnswer({ artifact: call.artifact, analysis: call.analysis }, { callDate: CALL_DATE }),
    ).toBeNull();
    expect(talk({ intent: 'confirmed', answerIn: 'current' }).analysis).toEqual({});
  });

  it('passes a success evaluation only for a confirmed delivery, as planned or at a new address', () => {
    const evaluations = Object.fromEntries(
      ANSWER_INTENTS.map((intent) => [intent, talk({ intent }).analysis.successEvaluation]),
    );
    expect(evaluations).toEqual({
      confirmed: 'true',
      reschedule: 'false',
      callback: 'false',
      'address-change': 'true',
      cancel: 'false',
      'wrong-number': 'false',
      unclear: 'false',
    });
  });

  it('opens with the shipped assistant’s first message and keeps the transcript in step with the messages', () => {
    const call = talk({ intent: 'reschedule' });
    const lines = call.transcript.split('\n');
    expect(lines[0]).toBe(`AI: ${assistant.firstMessage.replace('{{customerName}}', 'Raj Kumar')}`);
    expect(lines).toHaveLength(call.messages.length);
    expect(lines.every((line) => /^(AI|User): \S/.test(line))).toBe(true);
    expect(call.transcript).toContain('AWB1000001');
  });

  it('times every message from the pick-up, in order, and fits the dialogue into the call', () => {
    const call = talk({ intent: 'address-change', endsBy: PICKED_UP + 20_000 });
    let previousEnd = PICKED_UP;
    for (const message of call.messages) {
      expect(message.time).toBeGreaterThanOrEqual(previousEnd);
      expect(message.endTime).toBeGreaterThan(message.time);
      expect(message.secondsFromStart).toBeCloseTo((message.time - PICKED_UP) / 1000, 1);
      previousEnd = message.endTime;
    }
    expect(previousEnd).toBeLessThanOrEqual(PICKED_UP + 20_000);
    expect(call.talkSeconds).toBeLessThanOrEqual(20);
    expect(talk({ intent: 'address-change' }).talkSeconds).toBeGreaterThan(20);
  });

  it('says the day and the time asked for the way a customer would, and extracts them as the desk wants', () => {
    const later = talk({ intent: 'reschedule', date: '2026-11-27' });
    expect(later.transcript).toContain('27 tareekh ko');
    expect(later.answer).toEqual({ intent: 'reschedule', date: '2026-11-27' });
    expect(talk({ intent: 'reschedule', language: 'english' }).transcript).toContain('deliver it tomorrow');
    const callback = talk({ intent: 'callback', time: '17:30' });
    expect(callback.transcript).toContain('shaam saade 5 baje');
    expect(callback.answer).toEqual({ intent: 'callback', time: '17:30' });
    expect(talk({ intent: 'callback', time: '11:00', language: 'english' }).transcript).toContain('11 am');
  });

  it("counts the default reschedule day from the call's day in the desk's time zone", () => {
    // 20:00 UTC on the 24th is 01:30 on the 25th in India.
    const call = conversationFor({ intent: 'reschedule', facts, startedAt: Date.UTC(2026, 10, 24, 20) });
    expect(call.answer.date).toBe('2026-11-26');
  });

  it('gives the new address and landmark for an address change', () => {
    const call = talk({
      intent: 'address-change',
      address: '14 Park Street, Kolkata 700016',
      landmark: 'Metro gate 2',
    });
    expect(call.answer).toEqual({
      intent: 'address-change',
      address: '14 Park Street, Kolkata 700016',
      landmark: 'Metro gate 2',
    });
    expect(call.transcript).toContain('14 Park Street, Kolkata 700016');
  });

  it('speaks of the failed attempt for an Undelivered (NDR) parcel and of COD only when there is cash to collect', () => {
    expect(
      conversationFor({
        intent: 'confirmed',
        facts: { ...facts, orderType: 'Undelivered' },
        startedAt: PICKED_UP,
      }).transcript,
    ).toMatch(/deliver nahi ho paya/);
    const prepaid = conversationFor({
      intent: 'confirmed',
      facts: { ...facts, codAmount: '0' },
      startedAt: PICKED_UP,
    });
    expect(prepaid.transcript).not.toMatch(/rupaye/);
    expect(prepaid.answer).toEqual({ intent: 'confirmed' });
  });
});

describe('conversationFor(facts) as calls.ts has used it', () => {
  it('keeps its shape, and its structured data now names the answer', () => {
    const confirmed = conversationFor({ ...facts, successful: true });
    expect(confirmed.structuredData).toMatchObject({
      intent: 'confirmed',
      deliveryConfirmed: true,
      awb: 'AWB1000001',
    });
    expect(confirmed.messages[0]).toEqual({
      role: 'bot',
      message: expect.any(String),
      secondsFromStart: expect.any(Number),
    });
    // That shape lacks VAPI's time / endTime: why calls.ts should move to the form above.
    expect(vapiSchemaErrors('BotMessage', confirmed.messages[0])).not.toEqual([]);
    const tomorrow = conversationFor({ ...facts, successful: false });
    expect(
      readAnswer({ analysis: { structuredData: tomorrow.structuredData } }, { callDate: CALL_DATE }),
    ).toMatchObject({
      intent: 'reschedule',
      date: '2026-11-25',
    });
  });

  it('reads the parcel from the variables the desk sends', () => {
    expect(
      parcelFromVariables(
        { customerName: 'Asha', awb: 'AWB9, AWB10', codAmount: '0', orderType: 'Undelivered' },
        'x',
      ),
    ).toEqual({ customerName: 'Asha', awb: 'AWB9, AWB10', codAmount: '0', orderType: 'Undelivered' });
  });
});
