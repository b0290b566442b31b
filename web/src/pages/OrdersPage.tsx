// The order history, newest first, a page at a time: "Show older orders" follows the API's
// Link rel="next" when it sends one (an API that answers the whole list as an array has no next page).
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client';
import type { Order } from '../api/types';
import { explain } from '../cart';
import { dateTime, money } from '../components/format';
import { NeedCustomer } from '../components/NeedCustomer';
import { Notice } from '../components/Notice';
import { OrderSummary } from '../components/OrderSummary';
import { useIdentity } from '../identity';
import { useLoad } from './useLoad';

export function OrdersPage() {
  const { userId } = useIdentity();
  const [orders, setOrders] = useState<Order[] | undefined>(undefined);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (pageUrl?: string) => {
      if (!userId) return;
      setLoading(true);
      try {
        const page = await api.orders(userId, pageUrl);
        setOrders((before) => {
          const seen = new Set((pageUrl ? (before ?? []) : []).map((o) => o.id));
          return [...(pageUrl ? (before ?? []) : []), ...page.orders.filter((o) => !seen.has(o.id))];
        });
        setNext(page.next);
        setError(undefined);
      } catch (e) {
        setError(explain(e).message);
      } finally {
        setLoading(false);
      }
    },
    [userId],
  );

  useEffect(() => {
    setOrders(undefined);
    setNext(undefined);
    void load();
  }, [load]);

  if (!userId) return (<><h1>Your orders</h1><NeedCustomer what="your orders" /></>);
  return (
    <>
      <h1>Your orders</h1>
      {error && (
        <Notice notice={{ kind: 'error', text: `Your orders could not be loaded: ${error}` }}>
          {' '}
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </Notice>
      )}
      {!orders && !error && <p>Loading your orders…</p>}
      {orders && orders.length === 0 && (
        <p>
          No orders yet. <Link href="/">Browse our coffees</Link>.
        </p>
      )}
      {orders && orders.length > 0 && (
        <table className="lines" data-testid="orders">
          <caption className="visually-hidden">Your orders, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Placed</th>
              <th scope="col" className="num">Items</th>
              <th scope="col" className="num">Total</th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id}>
                <td>{dateTime(order.createdAt)}</td>
                <td className="num">{order.items.reduce((n, l) => n + l.quantity, 0)}</td>
                <td className="num">{money(order.total)}</td>
                <td>
                  <Link href={`/orders/${encodeURIComponent(order.id)}`}>
                    View order <span className="mono">{order.id.slice(0, 8)}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <p className="actions">
          <button type="button" disabled={loading} onClick={() => void load(next)}>
            {loading ? 'Loading…' : 'Show older orders'}
          </button>
        </p>
      )}
    </>
  );
}

export function OrderPage({ orderId }: { orderId: string }) {
  const { userId } = useIdentity();
  const order = useLoad(async () => (userId ? api.order(userId, orderId) : undefined), [userId, orderId]);
  if (!userId) return (<><h1>Order</h1><NeedCustomer what="this order" /></>);
  return (
    <>
      <p>
        <Link href="/orders">← All your orders</Link>
      </p>
      <h1>Order details</h1>
      {order.error && <Notice notice={{ kind: 'error', text: order.error }} />}
      {!order.value && !order.error && <p>Loading…</p>}
      {order.value && <OrderSummary order={order.value} />}
    </>
  );
}
