import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { redirect, type LoaderFunctionArgs } from 'react-router';
import { meQuery } from './api/queries';

/** GET /api/web-config's publicRead: may a visitor without a session read (PUBLIC_READ=1)? Open to everyone. */
const publicReadQuery = () =>
  queryOptions({
    queryKey: ['web-config', 'public-read'] as const,
    queryFn: async ({ signal }): Promise<boolean> => {
      const response = await fetch('/api/web-config', { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
      if (!response.ok) return false;
      return ((await response.json()) as { publicRead?: unknown }).publicRead === true;
    },
    staleTime: Infinity,
  });

/** Where sign-in sends the user back to: the path they asked for. */
export const signInHref = (pathname: string, search: string) => `/sign-in?next=${encodeURIComponent(pathname + search)}`;

/**
 * A route loader that sends a signed-out visitor to sign-in before any screen asks the API for
 * data (which would answer 401 four or five times first), unless the deployment lets anyone read.
 * Both questions it asks are open to everyone, and their answers are kept for the other screens.
 */
export function requireSession(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs) => {
    const url = new URL(request.url);
    if (url.pathname === '/sign-in') return null;
    if (await mayRead(queryClient)) return null;
    throw redirect(signInHref(url.pathname, url.search));
  };
}

/** Whether this visitor may read the dashboard: signed in, or the deployment lets anyone read (asked once, then kept). */
export async function mayRead(queryClient: QueryClient): Promise<boolean> {
  const [me, isPublic] = await Promise.all([queryClient.ensureQueryData(meQuery()), queryClient.ensureQueryData(publicReadQuery())]);
  return Boolean(me.user) || isPublic;
}
