// The shop's frame: skip link, header with navigation, cart count and who is shopping, then the page.
import { useEffect, useRef } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { CartProvider, useCart } from './cart';
import { IdentityProvider, useIdentity } from './identity';
import { AdminPage } from './pages/AdminPage';
import { CartPage } from './pages/CartPage';
import { CatalogPage } from './pages/Catalog';
import { CheckoutPage } from './pages/CheckoutPage';
import { OrderPage, OrdersPage } from './pages/OrdersPage';
import { ProductPage } from './pages/ProductPage';
import { SignInPage } from './pages/SignInPage';

const TITLES: [RegExp, string][] = [
  [/^\/$/, 'Coffees'],
  [/^\/product\//, 'Coffee'],
  [/^\/cart$/, 'Your cart'],
  [/^\/checkout$/, 'Checkout'],
  [/^\/orders$/, 'Your orders'],
  [/^\/orders\//, 'Order'],
  [/^\/manage$/, 'Store admin'],
  [/^\/sign-in$/, 'Sign in'],
];

function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const [location] = useLocation();
  const current = href === '/' ? location === '/' || location.startsWith('/product/') : location.startsWith(href);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Header() {
  const identity = useIdentity();
  const { cart } = useCart();
  const count = cart?.totalQuantity ?? 0;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="brand">
        <Link href="/">Contoso Coffee</Link>
      </div>
      <nav aria-label="Main">
        <ul>
          <li>
            <NavLink href="/">Coffees</NavLink>
          </li>
          <li>
            <NavLink href="/cart">
              Cart <span className="count" data-testid="cart-count">{count}</span>
              <span className="visually-hidden"> {count === 1 ? 'item' : 'items'}</span>
            </NavLink>
          </li>
          <li>
            <NavLink href="/orders">Orders</NavLink>
          </li>
          <li>
            <NavLink href="/manage">Admin</NavLink>
          </li>
        </ul>
      </nav>
      <div className="who">
        {identity.mode === 'loading' ? null : identity.userId ? (
          <>
            <span>
              Shopping as <strong data-testid="customer">{identity.userId}</strong>
            </span>{' '}
            <button type="button" className="link-button" onClick={() => void identity.signOut()}>
              {identity.mode === 'open' ? 'Switch' : 'Sign out'}
            </button>
          </>
        ) : (
          <Link href="/sign-in">{identity.mode === 'open' ? 'Choose customer' : 'Sign in'}</Link>
        )}
      </div>
    </header>
  );
}

function Pages() {
  const [location] = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    const title = TITLES.find(([pattern]) => pattern.test(location))?.[1] ?? 'Not found';
    document.title = `${title} · Contoso Coffee`;
    // After an in-app navigation, start reading (and tabbing) at the new page, as a page load would.
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [location]);
  return (
    <main id="main" ref={main} tabIndex={-1}>
      <Switch>
        <Route path="/" component={CatalogPage} />
        <Route path="/product/:id">{(params) => <ProductPage itemId={decodeURIComponent(params.id)} />}</Route>
        <Route path="/cart" component={CartPage} />
        <Route path="/checkout" component={CheckoutPage} />
        <Route path="/orders" component={OrdersPage} />
        <Route path="/orders/:id">{(params) => <OrderPage orderId={decodeURIComponent(params.id)} />}</Route>
        <Route path="/manage" component={AdminPage} />
        <Route path="/sign-in" component={SignInPage} />
        <Route>
          <h1>Page not found</h1>
          <p>
            <Link href="/">Back to our coffees</Link>
          </p>
        </Route>
      </Switch>
    </main>
  );
}

export function App() {
  return (
    <IdentityProvider>
      <CartProvider>
        <Header />
        <Pages />
        <footer className="site-footer">
          <p>
            Contoso Coffee · <a href="/api/docs">API reference</a>
          </p>
        </footer>
      </CartProvider>
    </IdentityProvider>
  );
}
