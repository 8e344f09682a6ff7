// Marks when a page first showed its data, for the start-up benchmark (bench/app.mjs reads
// the marks through WebDriver). A User Timing mark costs nothing and sends nothing anywhere.
import { nextTick } from 'vue';

export function markShown(page: string): void {
  const name = `zhibu:${page}-shown`;
  if (performance.getEntriesByName(name).length > 0) return;
  // After Vue has patched the DOM and the browser has painted a frame with it.
  void nextTick(() =>
    requestAnimationFrame(() => requestAnimationFrame(() => performance.mark(name))),
  );
}
