/** The start's steps timed, for the ready line: where a slow start spends its time. */

/** ms per start step (each since the previous mark), and since the process started */
export function startSteps(): { mark(step: string): void; done(): Record<string, number> } {
  const took: Record<string, number> = {};
  let last = performance.now();
  return {
    mark(step) {
      const now = performance.now();
      took[step] = Math.round(now - last);
      last = now;
    },
    done: () => ({ ...took, sinceProcessStart: Math.round(performance.now()) }),
  };
}
