// One order's lines and total, as the store recorded them (prices of the moment of checkout).
import type { Order } from '../api/types';
import { dateTime, money, productName } from './format';

export function OrderSummary({ order }: { order: Order }) {
  return (
    <>
      <dl className="facts wide">
        <div>
          <dt>Order</dt>
          <dd>
            <code>{order.id}</code>
          </dd>
        </div>
        <div>
          <dt>Placed</dt>
          <dd>{dateTime(order.createdAt)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{order.status}</dd>
        </div>
      </dl>
      <table className="lines">
        <caption className="visually-hidden">Products in order {order.id}</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" className="num">Unit price</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col" className="num">Line total</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((line) => (
            <tr key={line.itemId}>
              <th scope="row">{productName(line.description).name}</th>
              <td className="num">{money(line.unitPrice)}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{money(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="num total" data-testid="order-total">{money(order.total)}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}
