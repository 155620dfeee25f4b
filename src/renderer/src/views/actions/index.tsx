/** Needs action's public face: the view and the open count for its tab. */
import { useOpenActionCount } from '../../stores/actions-store';

export { ActionsView } from './ActionsView';

/** The tab's count of open actions (nothing while there are none). */
export function ActionsTabBadge() {
  const count = useOpenActionCount();
  if (!count) return null;
  return (
    <span className="tab-badge" data-testid="actions-tab-count">
      {count}
    </span>
  );
}
