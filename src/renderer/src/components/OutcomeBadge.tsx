/** How a call went, as a coloured label: the same words and colours in every list that shows calls. */
import type { CallOutcome } from '../../../shared/desk-types';
import { outcomeLabel, outcomeTone } from '../format/labels';
import { Badge } from './Badge';

export function OutcomeBadge(props: { outcome: CallOutcome | null; successful: boolean }) {
  return (
    <Badge tone={outcomeTone(props.outcome, props.successful)}>
      {outcomeLabel(props.outcome, props.successful)}
    </Badge>
  );
}
