// Who is shopping: the development sign-in of the local host (--enable-auth), Microsoft sign-in on Azure,
// or, in the open local mode, a customer picker (nothing is checked: any name is a customer).
import { useState } from 'react';
import { useLocation } from 'wouter';
import { CUSTOMER_ID, useIdentity } from '../identity';

const SUGGESTED = ['alice', 'bob', 'carol'];

export function SignInPage() {
  const identity = useIdentity();
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  if (identity.mode === 'loading') return <p>Loading…</p>;

  const choose = (id: string) => {
    if (!CUSTOMER_ID.test(id)) {
      setError('Use 1-64 letters, digits, "-" or "_".');
      return;
    }
    if (identity.mode === 'open') {
      identity.pick(id);
      navigate('/');
    } else {
      window.location.assign(identity.signInUrl(id));
    }
  };

  if (identity.mode === 'signed-in-service' && !identity.devSignIn) {
    return (
      <>
        <h1>Sign in</h1>
        <p>
          <a className="button primary" href={identity.signInUrl()}>
            Sign in with Microsoft
          </a>
        </p>
      </>
    );
  }
  const open = identity.mode === 'open';
  return (
    <>
      <h1>{open ? 'Who is shopping?' : 'Development sign-in'}</h1>
      <p className="lead">
        {open
          ? 'This store runs without sign-in (local open mode): pick a customer to shop as.'
          : 'The local host signs you in by name (its development sign-in); on Azure this is Microsoft sign-in.'}
      </p>
      {identity.userId && <p>You are shopping as <strong>{identity.userId}</strong>.</p>}
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          choose(name.trim());
        }}
      >
        <label htmlFor="customer">Customer name</label>
        <input
          id="customer"
          name="customer"
          autoComplete="username"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-describedby={error ? 'customer-error' : undefined}
          aria-invalid={error ? true : undefined}
          required
        />
        {error && (
          <p id="customer-error" className="field-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {open ? 'Shop as this customer' : 'Sign in'}
        </button>
      </form>
      <p>Or choose:</p>
      <ul className="inline-list">
        {SUGGESTED.map((id) => (
          <li key={id}>
            <button type="button" onClick={() => choose(id)}>
              {id}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
