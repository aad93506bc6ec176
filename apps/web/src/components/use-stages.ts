import { useEffect, useState } from 'react';

/**
 * How many of a drawing's `count` stages to show: 1 at first, then one more in each new task
 * after the last was committed, until all are. A drawing too heavy for one task (recharts' first
 * drawing of a chart takes 100–200 ms) is made in steps, and the page keeps answering in between.
 */
export function useStages(count: number): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (shown >= count) return;
    const timer = setTimeout(() => setShown((stage) => stage + 1), 0);
    return () => clearTimeout(timer);
  }, [shown, count]);
  return shown;
}
