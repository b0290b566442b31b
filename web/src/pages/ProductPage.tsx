// One product: everything the catalog knows about it, and "Add to cart".
import { Link } from 'wouter';
import { api } from '../api/client';
import { money, productName } from '../components/format';
import { Notice } from '../components/Notice';
import { StockBadge } from '../components/StockBadge';
import { useAddToCart } from './Catalog';
import { useLoad } from './useLoad';

export function ProductPage({ itemId }: { itemId: string }) {
  const product = useLoad(() => api.product(itemId), [itemId]);
  const { add, adding, notice } = useAddToCart(product.reload);
  const p = product.value;
  if (product.error) {
    return (
      <>
        <h1>Product not found</h1>
        <Notice notice={{ kind: 'error', text: product.error }} />
        <p>
          <Link href="/">Back to the catalog</Link>
        </p>
      </>
    );
  }
  if (!p) return <p>Loading…</p>;
  const { name, detail } = productName(p.description);
  return (
    <article className="product">
      <p>
        <Link href="/">← All coffees</Link>
      </p>
      <h1>{name}</h1>
      {detail && <p className="lead">{detail}</p>}
      <dl className="facts wide">
        <div>
          <dt>Origin</dt>
          <dd>{p.origin ?? '—'}</dd>
        </div>
        <div>
          <dt>Roast</dt>
          <dd className="roast">{p.roast ?? '—'}</dd>
        </div>
        <div>
          <dt>Price</dt>
          <dd>{money(p.price)}</dd>
        </div>
        <div>
          <dt>Stock</dt>
          <dd>
            <StockBadge product={p} />
          </dd>
        </div>
        <div>
          <dt>Product id</dt>
          <dd>
            <code>{p.id}</code>
          </dd>
        </div>
      </dl>
      <Notice notice={notice} />
      <button type="button" className="primary" disabled={p.availableStock === 0 || adding === p.id} onClick={() => void add(p)}>
        {p.availableStock === 0 ? 'Sold out' : 'Add to cart'}
      </button>
    </article>
  );
}
