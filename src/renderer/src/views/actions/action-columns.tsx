/** The Needs-action list's columns: what to do, for which order and customer, what they said, and the courier. */
import { ACTION_KIND_WORDS, WRITEBACK_WORDS } from '../../../../shared/contract';
import type { ActionView } from '../../../../shared/desk-types';
import { Badge } from '../../components/Badge';
import type { Column } from '../../components/VirtualTable';
import { formatPhone } from '../../format/phone';
import { dayKey, formatDateTime, formatTime } from '../../format/time';
import { KIND_TONE, WRITEBACK_TONE, whatToDo } from './action-words';

/** `courier`: show where each action stands with the courier (a desk that sends to iThink, or has sent). */
export function actionColumns(tz: string, today: string, courier = true): Column<ActionView>[] {
  const when = (ms: number) => (dayKey(ms, tz) === today ? formatTime(ms, tz) : formatDateTime(ms, tz));
  const columns: Column<ActionView>[] = [
    {
      title: 'Action',
      width: '168px',
      render: (a) => <Badge tone={KIND_TONE[a.kind]}>{ACTION_KIND_WORDS[a.kind]}</Badge>,
    },
    { title: 'AWB', width: 'minmax(112px, 0.9fr)', render: (a) => <span className="mono">{a.awb}</span> },
    { title: 'Customer', width: 'minmax(120px, 1fr)', render: (a) => a.customer },
    {
      title: 'Phone',
      width: '148px',
      render: (a) => <span className="mono">{formatPhone(a.phoneE164)}</span>,
    },
    {
      title: 'What was said',
      width: 'minmax(160px, 2fr)',
      // A number VAPI could not dial has no words, only the reason it gave.
      render: (a) => {
        const said = a.summary ?? a.notes;
        return said ? <span title={said}>{said}</span> : <span className="muted">—</span>;
      },
    },
    {
      title: 'Asked for',
      width: 'minmax(130px, 1.2fr)',
      render: (a) => {
        const asked = whatToDo(a);
        return asked ? <span title={asked}>{asked}</span> : <span className="muted">—</span>;
      },
    },
    { title: 'Raised', width: '112px', render: (a) => when(a.createdAt) },
  ];
  if (!courier) return columns;
  return [
    ...columns,
    {
      title: 'Courier',
      width: '132px',
      render: (a) => (
        <span title={a.writeback.message ?? ''} data-testid="action-courier">
          <Badge tone={WRITEBACK_TONE[a.writeback.state]}>{WRITEBACK_WORDS[a.writeback.state]}</Badge>
        </span>
      ),
    },
  ];
}
