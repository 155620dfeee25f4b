/**
 * What the customer said on one call, as the call's drawer shows it: the answer in the report's words, the day,
 * time and address they asked for in the console's formats, COD readiness and the assistant's note. Where VAPI
 * gave no answer, says so (an answered call without one is retried, never counted a success).
 */
import type { CustomerAnswerView } from '../../../shared/desk-types';
import { ANSWER_WORDS } from '../../../shared/report-words';
import { whatToDo } from './actions/action-words';

/** Where the desk read the answer, in words. */
const SOURCE_WORDS: Record<CustomerAnswerView['source'], string> = {
  structuredOutputs: "VAPI's structured output",
  structuredData: "VAPI's structured data (older accounts)",
  successEvaluation: "only VAPI's pass / fail evaluation",
};

export function CustomerAnswerFacts({ answer }: { answer: CustomerAnswerView | null }) {
  if (!answer) {
    return (
      <p className="muted" data-testid="customer-answer">
        No answer was read from this call.
      </p>
    );
  }
  const asked = whatToDo(answer);
  return (
    <dl className="facts" data-testid="customer-answer">
      <dt>Answer</dt>
      <dd>{ANSWER_WORDS[answer.intent]}</dd>
      {asked && (
        <>
          <dt>Asked for</dt>
          <dd>{asked}</dd>
        </>
      )}
      {answer.codReady !== null && (
        <>
          <dt>Cash ready</dt>
          <dd>{answer.codReady ? 'Yes' : 'No'}</dd>
        </>
      )}
      {answer.notes && (
        <>
          <dt>Note</dt>
          <dd>{answer.notes}</dd>
        </>
      )}
      <dt>Read from</dt>
      <dd className="muted">{SOURCE_WORDS[answer.source]}</dd>
    </dl>
  );
}
