// The store's JSON shapes (app/README.md, "REST API"; GET /api/openapi.json has the exact schemas).

export interface Product {
  id: string;
  description: string;
  price: number;
  availableStock: number;
  restockThreshold: number;
  maxStockThreshold: number;
  onReorder: boolean;
  origin?: string;
  roast?: string;
}

export interface NewProduct {
  id?: string;
  description: string;
  price: number;
  availableStock: number;
  restockThreshold: number;
  maxStockThreshold: number;
  origin?: string;
  roast?: string;
}

export interface CartLine {
  itemId: string;
  quantity: number;
  /** false when the product has left the catalog (description and price are then null) */
  available: boolean;
  description: string | null;
  price: number | null;
  lineTotal: number;
  availableStock: number;
}

export interface CartView {
  userId: string;
  items: CartLine[];
  totalQuantity: number;
  total: number;
  checkoutInProgress: boolean;
}

export interface OrderLine {
  itemId: string;
  description: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
}

export interface Order {
  id: string;
  userId: string;
  createdAt: string;
  items: OrderLine[];
  total: number;
  status: string;
}

export interface Shortage {
  itemId: string;
  requested: number;
  available: number;
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
