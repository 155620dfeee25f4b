/**
 * The console's views, named in the address's #hash (so a view can be bookmarked or reloaded), and the data
 * each one shows first: the console's entry asks for it before React and the views are even loaded.
 */
import { prefetch, type ListName, type ResourceName } from '../stores/data-store';

export const VIEWS = [
  'today',
  'live',
  'queue',
  'orders',
  'history',
  'actions',
  'report',
  'settings',
] as const;
export type ViewName = (typeof VIEWS)[number];

export function viewFromHash(): ViewName {
  const name = window.location.hash.replace('#', '');
  return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'today';
}

/** What each view shows first, when it is a list or resource of the data store. */
const FIRST_DATA: Partial<Record<ViewName, ResourceName | ListName>> = {
  today: 'today',
  queue: 'queue',
  orders: 'orders',
  history: 'history',
};

/** Asks for the data of the view the console opens on, as it starts (see prefetch). */
export function prefetchFirstView(): void {
  const first = FIRST_DATA[viewFromHash()];
  if (first) prefetch(first);
}
