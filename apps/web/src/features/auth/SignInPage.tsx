import { useNavigate, useSearchParams } from 'react-router';
import { SignInForm } from './SignInForm';

/**
 * `/sign-in?next=/map?scheme=reform34`: any 401 lands here (see main.tsx) and signing in returns
 * to where the user was. Only same-site paths are followed.
 */
export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  return <SignInForm onSignedIn={() => void navigate(next, { replace: true })} />;
}

/** '/map?x=1' stays; 'https://evil.example', '//evil.example' and '/sign-in…' become '/'. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return '/';
  return next;
}
