import { useEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/** How far beyond the viewport an element counts as near: about one turn of a mouse wheel. */
const NEAR_MARGIN = '200px';

/**
 * True once the element of `ref` has come within NEAR_MARGIN of the viewport (or the page is
 * printed), and from then on. A heavy drawing further down waits for it, so opening a screen
 * costs only what its first view shows. Without IntersectionObserver it is true at once.
 */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [isNear, setIsNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (isNear || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setIsNear(true);
      },
      { rootMargin: `${NEAR_MARGIN} 0px` },
    );
    observer.observe(element);
    // a printout shows every drawing, so they are all drawn before the print is laid out
    const onBeforePrint = () => flushSync(() => setIsNear(true));
    window.addEventListener('beforeprint', onBeforePrint);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', onBeforePrint);
    };
  }, [ref, isNear]);
  return isNear;
}
