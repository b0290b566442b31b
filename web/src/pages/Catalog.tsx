// The catalog: a card per product with its origin, roast, price and stock, and "Add to cart".
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client';
import type { Product } from '../api/types';
import { useCart } from '../cart';
import { money, productName } from '../components/format';
import { Notice, type NoticeValue } from '../components/Notice';
import { StockBadge } from '../components/StockBadge';
import { useIdentity } from '../identity';
import { useLoad } from './useLoad';

export function useAddToCart(onDone?: () => Promise<void>) {
  const { userId } = useIdentity();
  const { write } = useCart();
  const [notice, setNotice] = useState<NoticeValue | undefined>(undefined);
  const [adding, setAdding] = useState<string | undefined>(undefined);
  const add = async (product: Product) => {
    if (!userId) {
      setNotice({ kind: 'warning', text: <>Choose who is shopping first: <Link href="/sign-in">sign in</Link>.</> });
      return;
    }
    setAdding(product.id);
    const failure = await write((id) => api.addToCart(id, product.id, 1));
    setAdding(undefined);
    const { name } = productName(product.description);
    if (!failure) setNotice({ kind: 'success', text: <>Added {name} to <Link href="/cart">your cart</Link>.</> });
    else if (failure.code === 'OutOfStock') setNotice({ kind: 'error', text: `Not enough ${name} in stock for one more.` });
    else if (failure.uncertain) setNotice({ kind: 'warning', text: `${failure.message} Your cart shows what the store has.` });
    else setNotice({ kind: 'error', text: failure.message });
    await onDone?.();
  };
  return { add, adding, notice };
}

export function ProductCard({ product, onAdd, adding }: { product: Product; onAdd: (p: Product) => void; adding: boolean }) {
  const { name, detail } = productName(product.description);
  const soldOut = product.availableStock === 0;
  const label = soldOut ? 'Sold out' : adding ? 'Adding…' : 'Add to cart';
  const headingId = `product-${product.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        <Link href={`/product/${encodeURIComponent(product.id)}`}>{name}</Link>
      </h2>
      {detail && <p className="card-detail">{detail}</p>}
      <dl className="facts">
        {product.origin && (
          <div>
            <dt>Origin</dt>
            <dd>{product.origin}</dd>
          </div>
        )}
        {product.roast && (
          <div>
            <dt>Roast</dt>
            <dd className="roast">{product.roast}</dd>
          </div>
        )}
      </dl>
      <p className="price">{money(product.price)}</p>
      <p>
        <StockBadge product={product} />
      </p>
      {/* The label starts with the visible text (WCAG 2.5.3) and names the product. */}
      <button type="button" className="primary" disabled={soldOut || adding} onClick={() => onAdd(product)} aria-label={`${label}: ${name}`}>
        {label}
      </button>
    </li>
  );
}

export function CatalogPage() {
  const catalog = useLoad(() => api.catalog(), []);
  const { add, adding, notice } = useAddToCart(catalog.reload);
  return (
    <>
      <h1>Our coffees</h1>
      <p className="lead">Roasted in small batches, shipped the same week.</p>
      <Notice notice={notice} />
      {catalog.error && <Notice notice={{ kind: 'error', text: catalog.error }} />}
      {!catalog.value && !catalog.error && <p>Loading the catalog…</p>}
      {catalog.value && catalog.value.length === 0 && <p>The catalog is empty for now.</p>}
      {catalog.value && (
        <ul className="cards" aria-label="Products">
          {catalog.value.map((product) => (
            <ProductCard key={product.id} product={product} onAdd={add} adding={adding === product.id} />
          ))}
        </ul>
      )}
    </>
  );
}
