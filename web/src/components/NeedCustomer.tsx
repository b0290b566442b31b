// Shown where a page needs a customer: sign in (App Service Authentication / the host's development
// sign-in) or, in the open local mode, pick a customer.
import { Link } from 'wouter';
import { useIdentity } from '../identity';

export function NeedCustomer({ what }: { what: string }) {
  const { mode, devSignIn, signInUrl } = useIdentity();
  if (mode === 'loading') return <p>Loading…</p>;
  return (
    <p className="need-customer">
      To see {what},{' '}
      {mode === 'open' || devSignIn ? <Link href="/sign-in">choose who is shopping</Link> : <a href={signInUrl()}>sign in</a>}.
    </p>
  );
}
