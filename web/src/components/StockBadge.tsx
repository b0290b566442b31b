import type { Product } from '../api/types';

/** "Sold out", "Low stock" (at or under the restock threshold) or plain stock. */
export function StockBadge({ product }: { product: Pick<Product, 'availableStock' | 'restockThreshold'> }) {
  if (product.availableStock === 0) return <span className="badge badge-out">Sold out</span>;
  if (product.availableStock <= product.restockThreshold)
    return <span className="badge badge-low">Low stock: {product.availableStock} left</span>;
  return <span className="badge badge-in">{product.availableStock} in stock</span>;
}
