/**
 * How a call went, as a coloured label: the same words and colours in every list that shows calls. An answered
 * call says what the customer said ("Reschedule", "Call back"); a call VAPI has not settled says so.
 */
import type { AnswerIntent, CallOutcome, CallState } from '../../../shared/desk-types';
import { outcomeLabel, outcomeTone } from '../format/labels';
import { Badge } from './Badge';

export function OutcomeBadge(props: {
  outcome: CallOutcome | null;
  successful: boolean;
  answer?: AnswerIntent | null;
  state?: CallState;
}) {
  return (
    <Badge tone={outcomeTone(props.outcome, props.successful, props.answer ?? null)}>
      {outcomeLabel(props.outcome, props.successful, props.answer ?? null, props.state)}
    </Badge>
  );
}
