// The cart as the server has it: quantities up and down, remove, line totals, the total; lines whose
// product left the catalog are shown as unavailable (app/README.md, "Cart view").
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client';
import type { CartLine } from '../api/types';
import { useCart } from '../cart';
import { money, productName } from '../components/format';
import { NeedCustomer } from '../components/NeedCustomer';
import { Notice, type NoticeValue } from '../components/Notice';
import { useIdentity } from '../identity';

function lineName(line: CartLine): string {
  return line.description ? productName(line.description).name : line.itemId;
}

export function CartPage() {
  const { userId } = useIdentity();
  const { cart, loadError, busy, write, refresh } = useCart();
  const [notice, setNotice] = useState<NoticeValue | undefined>(undefined);

  if (!userId) return (<><h1>Your cart</h1><NeedCustomer what="your cart" /></>);

  const change = async (line: CartLine, op: (userId: string) => Promise<import('../api/types').CartView>, done: string) => {
    const failure = await write(op);
    if (!failure) setNotice({ kind: 'success', text: done });
    else if (failure.code === 'OutOfStock') setNotice({ kind: 'error', text: `No more ${lineName(line)} in stock.` });
    else if (failure.code === 'CheckoutInProgress') setNotice({ kind: 'warning', text: 'This cart is being checked out; it cannot change until that finishes.' });
    else if (failure.uncertain) setNotice({ kind: 'warning', text: `${failure.message} The cart below is what the store has now.` });
    else setNotice({ kind: 'error', text: `${failure.message} The cart below is what the store has now.` });
  };

  return (
    <>
      <h1>Your cart</h1>
      <Notice notice={notice} />
      {loadError && (
        <Notice notice={{ kind: 'error', text: `Your cart could not be loaded: ${loadError}` }}>
          {' '}
          <button type="button" onClick={() => void refresh()}>
            Try again
          </button>
        </Notice>
      )}
      {!cart && !loadError && <p>Loading your cart…</p>}
      {cart && cart.items.length === 0 && (
        <p>
          Your cart is empty. <Link href="/">Browse our coffees</Link>.
        </p>
      )}
      {cart && cart.checkoutInProgress && (
        <Notice notice={{ kind: 'warning', text: 'A checkout of this cart is in progress; it cannot change until it finishes.' }} />
      )}
      {cart && cart.items.length > 0 && (
        <>
          <table className="lines">
            <caption className="visually-hidden">Products in your cart</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col" className="num">Price</th>
                <th scope="col">Quantity</th>
                <th scope="col" className="num">Line total</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {cart.items.map((line) => {
                const name = lineName(line);
                const locked = busy || cart.checkoutInProgress;
                return (
                  <tr key={line.itemId} className={line.available ? undefined : 'unavailable'}>
                    <th scope="row">
                      {line.available ? <Link href={`/product/${encodeURIComponent(line.itemId)}`}>{name}</Link> : name}
                      {!line.available && <span className="badge badge-out">No longer available</span>}
                      {line.available && line.quantity > line.availableStock && (
                        <span className="badge badge-low">Only {line.availableStock} in stock</span>
                      )}
                    </th>
                    <td className="num">{line.price === null ? '—' : money(line.price)}</td>
                    <td>
                      <div className="stepper">
                        <button
                          type="button"
                          aria-label={`One less ${name}`}
                          disabled={locked}
                          onClick={() => void change(line, (id) => api.removeFromCart(id, line.itemId, 1), `One less ${name}.`)}
                        >
                          −
                        </button>
                        <span className="qty" aria-label={`Quantity of ${name}`}>{line.quantity}</span>
                        <button
                          type="button"
                          aria-label={`One more ${name}`}
                          disabled={locked || !line.available}
                          onClick={() => void change(line, (id) => api.addToCart(id, line.itemId, 1), `One more ${name}.`)}
                        >
                          +
                        </button>
                      </div>
                    </td>
                    <td className="num">{money(line.lineTotal)}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Remove ${name}`}
                        disabled={locked}
                        onClick={() => void change(line, (id) => api.removeFromCart(id, line.itemId), `${name} removed.`)}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total ({cart.totalQuantity} {cart.totalQuantity === 1 ? 'item' : 'items'})
                </th>
                <td className="num total" data-testid="cart-total">{money(cart.total)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
          <p className="actions">
            <Link href="/checkout" className="button primary">
              Go to checkout
            </Link>
          </p>
        </>
      )}
    </>
  );
}
