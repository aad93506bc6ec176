/**
 * Keyboard use of a map (Leaflet or plain SVG): only one shape is in the tab order; arrow keys
 * move to the nearest shape in that direction, Home / End to the first / last in reading order,
 * Enter opens the province, Escape hides the tooltip. Shapes carry their province in data-code.
 */
import { useCallback, useMemo, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { inReadingOrder, nextInDirection, type Direction, type KeyPoint } from './map-data';

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export const codeOf = (target: EventTarget | null): string | null => (target instanceof Element ? target.getAttribute('data-code') : null);

/**
 * Roving focus over `points`: `focusShape(code)` focuses a shape (false when it is not drawn),
 * `closeTip(code)` hides its tooltip. Put `handlers` on an element around the map; `tabCode` is
 * the one shape with tabindex 0, `focusedCode` the one focused now.
 */
export function useRovingKeyboard(points: readonly KeyPoint[], onOpen: (code: string) => void, focusShape: (code: string) => boolean, closeTip: (code: string) => void) {
  const [activeCode, setActiveCode] = useState<string | null>(null);
  const [focusedCode, setFocusedCode] = useState<string | null>(null);
  const ordered = useMemo(() => inReadingOrder(points), [points]);
  const tabCode = activeCode !== null && points.some((p) => p.code === activeCode) ? activeCode : (ordered[0]?.code ?? null);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const code = codeOf(event.target);
      if (code === null) return;
      let next: string | null = null;
      if (event.key in ARROWS) next = nextInDirection(points, code, ARROWS[event.key]!);
      else if (event.key === 'Home') next = ordered[0]?.code ?? null;
      else if (event.key === 'End') next = ordered.at(-1)?.code ?? null;
      else if (event.key === 'Enter') {
        event.preventDefault();
        onOpen(code);
        return;
      } else if (event.key === 'Escape') {
        closeTip(code);
        return;
      } else return;
      // arrows and Home / End would otherwise scroll the page
      event.preventDefault();
      if (next !== null && focusShape(next)) setActiveCode(next);
    },
    [points, ordered, onOpen, focusShape, closeTip],
  );

  const onFocus = useCallback((event: FocusEvent) => {
    const code = codeOf(event.target);
    if (code === null) return;
    setActiveCode(code);
    setFocusedCode(code);
  }, []);

  const onBlur = useCallback((event: FocusEvent) => {
    if (codeOf(event.target) !== null) setFocusedCode(null);
  }, []);

  return { tabCode, focusedCode, handlers: { onKeyDown, onFocus, onBlur } };
}
