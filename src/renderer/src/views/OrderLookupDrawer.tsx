/**
 * An order's drawer opened from a list that knows only its AWB (the queue's calls, cooling and excluded
 * rows): looks the order up in the desk, then shows the same drawer as the Orders view.
 */
import { useEffect, useState } from 'react';
import type { OrderView } from '../../../shared/desk-types';
import { Drawer } from '../components/Drawer';
import { command } from '../stores/status-store';
import { desk } from '../transport';
import { OrderDrawer } from './OrderDrawer';

export function OrderLookupDrawer({ awb, onClose }: { awb: string; onClose(): void }) {
  const [order, setOrder] = useState<OrderView | null | undefined>(undefined);
  useEffect(() => {
    void command(() => desk('orders', { awb })).then((found) => setOrder(found?.rows[0] ?? null));
  }, [awb]);
  if (order) return <OrderDrawer order={order} onClose={onClose} />;
  return (
    <Drawer title={awb} onClose={onClose}>
      <p className="muted">{order === undefined ? 'Loading…' : 'This order is no longer in the cache.'}</p>
    </Drawer>
  );
}
