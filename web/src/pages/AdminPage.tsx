// Store admin: create a product, add stock, see what needs reordering. The admin routes need a function key
// on Azure and on the local host with --enable-auth (app/README.md, "Security"): when the API answers 401 the
// page asks for one, keeps it for this browser tab only (sessionStorage), and retries the action.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { NewProduct, Product } from '../api/types';
import { explain } from '../cart';
import { money, productName } from '../components/format';
import { Notice, type NoticeValue } from '../components/Notice';
import { useLoad } from './useLoad';

const KEY = 'contoso.functionKey';

type Action = { run: (key: string | undefined) => Promise<string> };

export function AdminPage() {
  const catalog = useLoad(() => api.catalog(), []);
  const [notice, setNotice] = useState<NoticeValue | undefined>(undefined);
  const [needKey, setNeedKey] = useState<{ action: Action; rejected: boolean } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);

  const perform = async (action: Action) => {
    setBusy(true);
    const key = sessionStorage.getItem(KEY) ?? undefined;
    try {
      setNotice({ kind: 'success', text: await action.run(key) });
      setNeedKey(undefined);
    } catch (error) {
      const failure = explain(error);
      if (failure.status === 401) {
        setNeedKey({ action, rejected: key !== undefined });
        setNotice(undefined);
        setTimeout(() => keyInput.current?.focus(), 0);
      } else {
        setNotice({ kind: failure.uncertain ? 'warning' : 'error', text: `${failure.message}${failure.uncertain ? ' The list below is re-read from the store.' : ''}` });
      }
    } finally {
      setBusy(false);
      await catalog.reload();
    }
  };

  const submitKey = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = keyInput.current?.value.trim() ?? '';
    if (!value || !needKey) return;
    sessionStorage.setItem(KEY, value);
    void perform(needKey.action);
  };

  return (
    <>
      <h1>Store admin</h1>
      <Notice notice={notice} />
      {needKey && (
        <section aria-labelledby="key-title" className="panel">
          <h2 id="key-title">Function key needed</h2>
          <p>
            {needKey.rejected ? 'The store did not accept that key.' : 'The store asks for a function key for admin operations.'} It is kept
            for this browser tab only.
          </p>
          <form className="form" onSubmit={submitKey}>
            <label htmlFor="function-key">Function key</label>
            <input id="function-key" ref={keyInput} type="password" autoComplete="off" required />
            <button type="submit" className="primary">
              Use key and retry
            </button>
          </form>
        </section>
      )}
      <section aria-labelledby="stock-title">
        <h2 id="stock-title">Stock</h2>
        {catalog.error && <Notice notice={{ kind: 'error', text: catalog.error }} />}
        {catalog.value && <StockTable products={catalog.value} busy={busy} onAdd={(p, n) => void perform(addStock(p, n))} />}
      </section>
      <CreateProduct busy={busy} onCreate={(p) => void perform(create(p))} />
      {sessionStorage.getItem(KEY) && (
        <p>
          <button
            type="button"
            onClick={() => {
              sessionStorage.removeItem(KEY);
              setNotice({ kind: 'info', text: 'The function key is forgotten.' });
            }}
          >
            Forget the function key
          </button>
        </p>
      )}
    </>
  );
}

function addStock(product: Product, quantity: number): Action {
  return {
    run: async (key) => {
      const after = await api.addStock(product.id, quantity, key);
      return `${productName(after.description).name}: ${after.availableStock} in stock${after.onReorder ? ', still to reorder' : ''}.`;
    },
  };
}

function create(product: NewProduct): Action {
  return {
    run: async (key) => {
      const made = await api.createProduct(product, key);
      return `Created ${made.id} with ${made.availableStock} in stock${made.onReorder ? ' (on reorder)' : ''}.`;
    },
  };
}

function StockTable({ products, busy, onAdd }: { products: Product[]; busy: boolean; onAdd: (p: Product, n: number) => void }) {
  return (
    <table className="lines" data-testid="stock">
      <caption className="visually-hidden">Stock of every product</caption>
      <thead>
        <tr>
          <th scope="col">Product</th>
          <th scope="col" className="num">Price</th>
          <th scope="col" className="num">Stock</th>
          <th scope="col" className="num">Restock at</th>
          <th scope="col" className="num">Max</th>
          <th scope="col">Reorder</th>
          <th scope="col">Add stock</th>
        </tr>
      </thead>
      <tbody>
        {products.map((p) => (
          <StockRow key={p.id} product={p} busy={busy} onAdd={onAdd} />
        ))}
      </tbody>
    </table>
  );
}

function StockRow({ product, busy, onAdd }: { product: Product; busy: boolean; onAdd: (p: Product, n: number) => void }) {
  const [quantity, setQuantity] = useState('10');
  const name = productName(product.description).name;
  const inputId = `add-${product.id}`;
  const valid = /^\d+$/.test(quantity) && Number(quantity) >= 1 && Number(quantity) <= 10000;
  return (
    <tr>
      <th scope="row">
        {name} <code className="muted">{product.id}</code>
      </th>
      <td className="num">{money(product.price)}</td>
      <td className="num" data-testid={`stock-${product.id}`}>{product.availableStock}</td>
      <td className="num">{product.restockThreshold}</td>
      <td className="num">{product.maxStockThreshold}</td>
      <td>{product.onReorder ? <span className="badge badge-low">On reorder</span> : 'No'}</td>
      <td>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) onAdd(product, Number(quantity));
          }}
        >
          <label htmlFor={inputId} className="visually-hidden">
            Units of {name} to add
          </label>
          <input id={inputId} inputMode="numeric" size={5} value={quantity} onChange={(e) => setQuantity(e.target.value)} aria-invalid={!valid || undefined} />
          <button type="submit" disabled={busy || !valid} aria-label={`Add stock of ${name}`}>
            Add
          </button>
        </form>
      </td>
    </tr>
  );
}

const FIELDS = [
  { name: 'id', label: 'Product id (optional)', pattern: '[A-Za-z0-9_-]{1,64}', required: false },
  { name: 'description', label: 'Description', required: true },
  { name: 'origin', label: 'Origin', required: false },
  { name: 'roast', label: 'Roast', required: false },
  { name: 'price', label: 'Price', inputMode: 'decimal', pattern: '\\d+(\\.\\d{1,2})?', required: true },
  { name: 'availableStock', label: 'Units in stock', inputMode: 'numeric', pattern: '\\d+', required: true },
  { name: 'restockThreshold', label: 'Restock threshold', inputMode: 'numeric', pattern: '\\d+', required: true },
  { name: 'maxStockThreshold', label: 'Maximum stock', inputMode: 'numeric', pattern: '\\d+', required: true },
] as const;

function CreateProduct({ busy, onCreate }: { busy: boolean; onCreate: (p: NewProduct) => void }) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const product: NewProduct = {
      description: text('description'),
      price: Number(text('price')),
      availableStock: Number(text('availableStock')),
      restockThreshold: Number(text('restockThreshold')),
      maxStockThreshold: Number(text('maxStockThreshold')),
    };
    if (text('id')) product.id = text('id');
    if (text('origin')) product.origin = text('origin');
    if (text('roast')) product.roast = text('roast');
    onCreate(product);
  };
  return (
    <section aria-labelledby="create-title">
      <h2 id="create-title">New product</h2>
      <form className="form grid" onSubmit={submit}>
        {FIELDS.map((f) => (
          <p key={f.name}>
            <label htmlFor={`new-${f.name}`}>{f.label}</label>
            <input
              id={`new-${f.name}`}
              name={f.name}
              required={f.required}
              pattern={'pattern' in f ? f.pattern : undefined}
              inputMode={'inputMode' in f ? f.inputMode : undefined}
            />
          </p>
        ))}
        <p>
          <button type="submit" className="primary" disabled={busy}>
            Create product
          </button>
        </p>
      </form>
    </section>
  );
}
