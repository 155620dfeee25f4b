/** Needs action's face in the console's frame: the open count for its tab (the view, ActionsView.tsx, is
 *  loaded when first opened). */
import { useOpenActionCount } from '../../stores/actions-store';

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
