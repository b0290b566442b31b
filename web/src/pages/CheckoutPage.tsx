// Checkout: one attempt, one Idempotency-Key (src/checkout.ts). Success shows the order; a refusal
// (409 OutOfStock) lists the short lines with a one-click fix; an uncertain outcome (network, 202, 5xx)
// says so, re-reads the cart, and keeps the attempt so "Place order" retries it without a second order.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { ApiFailure, api } from '../api/client';
import type { Order, Shortage } from '../api/types';
import { explain, useCart } from '../cart';
import { attemptKey, closeAttempt, hasOpenAttempt, placeOrder } from '../checkout';
import { money, productName } from '../components/format';
import { NeedCustomer } from '../components/NeedCustomer';
import { Notice, type NoticeValue } from '../components/Notice';
import { OrderSummary } from '../components/OrderSummary';
import { useIdentity } from '../identity';

type Outcome =
  | { kind: 'none' }
  | { kind: 'placed'; order: Order; replayed: boolean }
  | { kind: 'short'; shortages: Shortage[]; message: string }
  | { kind: 'notice'; notice: NoticeValue }
  /** no definite answer: the attempt stays open and "Retry this attempt" sends it again (same key) */
  | { kind: 'uncertain'; message: string };

export function CheckoutPage() {
  const { userId } = useIdentity();
  const { cart, loadError, refresh, write } = useCart();
  const [placing, setPlacing] = useState<'no' | 'sending' | 'waiting'>('no');
  const [fixing, setFixing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const inFlight = useRef(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [reopened] = useState(() => (userId ? hasOpenAttempt(userId) : false));

  useEffect(() => {
    if (outcome.kind !== 'none') resultHeading.current?.focus();
  }, [outcome]);

  if (!userId) return (<><h1>Checkout</h1><NeedCustomer what="checkout" /></>);

  const place = async () => {
    if (inFlight.current) return; // a double click sends the attempt once
    inFlight.current = true;
    setPlacing('sending');
    setOutcome({ kind: 'none' });
    const key = attemptKey(userId);
    try {
      const placed = await placeOrder(userId, key, { onWaiting: () => setPlacing('waiting') });
      closeAttempt(userId);
      setOutcome({ kind: 'placed', ...placed });
    } catch (error) {
      const failure = explain(error);
      if (failure.uncertain) {
        setOutcome({ kind: 'uncertain', message: failure.message });
      } else {
        closeAttempt(userId); // a refusal changed nothing: the next press is a new attempt
        setOutcome(refusal(failure));
      }
    } finally {
      await refresh();
      inFlight.current = false;
      setPlacing('no');
    }
  };

  const fixCart = async (shortages: Shortage[]) => {
    setFixing(true);
    let failed: ApiFailure | undefined;
    for (const s of shortages) {
      const failure = await write((id) =>
        s.available <= 0 ? api.removeFromCart(id, s.itemId) : api.removeFromCart(id, s.itemId, Math.max(1, s.requested - s.available)),
      );
      if (failure && failure.code !== 'ItemNotInCart') failed = failure;
    }
    await refresh();
    setFixing(false);
    setOutcome({
      kind: 'notice',
      notice: failed
        ? { kind: 'error', text: `The cart could not be fully fixed: ${failed.message} The cart below is what the store has.` }
        : { kind: 'success', text: 'Your cart now asks only for what is in stock. Check it and place your order.' },
    });
  };

  const empty = cart !== undefined && cart.items.length === 0;
  const lineName = (itemId: string) => {
    const line = cart?.items.find((l) => l.itemId === itemId);
    return line?.description ? productName(line.description).name : itemId;
  };

  return (
    <>
      <h1>Checkout</h1>
      {(outcome.kind === 'uncertain' || (reopened && outcome.kind === 'none')) && (
        <div className="result">
          <h2 id="result" tabIndex={-1} ref={resultHeading}>
            Your order is not confirmed yet
          </h2>
          <Notice
            notice={{
              kind: 'warning',
              text:
                outcome.kind === 'uncertain'
                  ? `We could not confirm your order: ${outcome.message} It may have been placed. Retry this attempt to find out: it can never place a second order.`
                  : 'An earlier checkout attempt got no answer. It may have been placed. Retry that attempt to find out: it can never place a second order.',
            }}
          />
          <p className="actions">
            <button type="button" className="primary" disabled={placing !== 'no'} onClick={() => void place()}>
              {placing === 'no' ? 'Retry this attempt' : 'Checking…'}
            </button>{' '}
            <Link href="/orders">Look at your orders</Link>
          </p>
        </div>
      )}
      {outcome.kind === 'placed' && (
        <section aria-labelledby="result" className="result">
          <h2 id="result" tabIndex={-1} ref={resultHeading}>
            {outcome.replayed ? 'This order was already placed' : 'Thank you! Your order is placed'}
          </h2>
          <OrderSummary order={outcome.order} />
          <p>
            <Link href={`/orders/${encodeURIComponent(outcome.order.id)}`}>View this order</Link> ·{' '}
            <Link href="/orders">All your orders</Link> · <Link href="/">Keep shopping</Link>
          </p>
        </section>
      )}
      {outcome.kind === 'short' && (
        <section aria-labelledby="result" className="result">
          <h2 id="result" tabIndex={-1} ref={resultHeading}>
            Some products ran short
          </h2>
          <Notice notice={{ kind: 'error', text: `${outcome.message} No order was placed and your cart is unchanged.` }} />
          <table className="lines">
            <caption className="visually-hidden">Products short of stock</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col" className="num">You asked for</th>
                <th scope="col" className="num">In stock</th>
              </tr>
            </thead>
            <tbody>
              {outcome.shortages.map((s) => (
                <tr key={s.itemId}>
                  <th scope="row">{lineName(s.itemId)}</th>
                  <td className="num">{s.requested}</td>
                  <td className="num">{s.available}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="actions">
            <button type="button" className="primary" disabled={fixing} onClick={() => void fixCart(outcome.shortages)}>
              {fixing ? 'Fixing…' : 'Fix my cart: keep only what is in stock'}
            </button>
          </p>
        </section>
      )}
      {outcome.kind === 'notice' && (
        <div className="result">
          <h2 id="result" tabIndex={-1} ref={resultHeading} className="visually-hidden">
            Checkout result
          </h2>
          <Notice notice={outcome.notice} />
        </div>
      )}
      {loadError && <Notice notice={{ kind: 'error', text: `Your cart could not be loaded: ${loadError}` }} />}
      {cart && !empty && outcome.kind !== 'uncertain' && (
        <section aria-labelledby="summary">
          <h2 id="summary">Your cart</h2>
          <ul className="summary">
            {cart.items.map((line) => (
              <li key={line.itemId}>
                {line.quantity} × {line.description ? productName(line.description).name : line.itemId}
                {line.available ? ` — ${money(line.lineTotal)}` : ' — no longer available'}
              </li>
            ))}
          </ul>
          <p className="total-line">
            Total: <strong data-testid="checkout-total">{money(cart.total)}</strong>
          </p>
          <p className="actions">
            <button type="button" className="primary" disabled={placing !== 'no' || fixing} onClick={() => void place()}>
              {placing === 'sending' ? 'Placing your order…' : placing === 'waiting' ? 'Waiting for the store…' : 'Place order'}
            </button>{' '}
            <Link href="/cart">Change the cart</Link>
          </p>
          <p role="status" className="visually-hidden">
            {placing === 'waiting' ? 'The store is still working on your order.' : ''}
          </p>
        </section>
      )}
      {empty && outcome.kind !== 'placed' && outcome.kind !== 'uncertain' && (
        <p>
          Your cart is empty. <Link href="/">Browse our coffees</Link>.
        </p>
      )}
    </>
  );
}

function refusal(failure: ApiFailure): Outcome {
  if (failure.code === 'OutOfStock' && failure.shortages.length > 0) {
    return { kind: 'short', shortages: failure.shortages, message: 'Not enough stock for every product in your cart.' };
  }
  const text =
    failure.code === 'EmptyCart'
      ? 'Your cart is empty: add products before checking out.'
      : failure.code === 'CheckoutInProgress'
        ? 'Another checkout of this cart is running. Wait a moment and look at your orders.'
        : failure.code === 'OutOfStock'
          ? `${failure.message} No order was placed.`
          : `Your order was not placed: ${failure.message}`;
  return { kind: 'notice', notice: { kind: 'error', text } };
}
