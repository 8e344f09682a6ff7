// A loading sign for anything that takes longer than 300 ms: every call to the core is
// counted (api/index.ts), and the window shows the sign once calls have been running for
// that long without a break. Quicker work shows nothing, so the sign never flickers.
import { readonly, ref } from 'vue';

export const BUSY_AFTER_MS = 300;

let running = 0;
let showTimer: ReturnType<typeof setTimeout> | null = null;
let settleTimer: ReturnType<typeof setTimeout> | null = null;
const shown = ref(false);

/** Whether the loading sign is shown. */
export const busyShown = readonly(shown);

/** Counts `work` as running until it settles. */
export async function tracked<T>(work: Promise<T>): Promise<T> {
  begin();
  try {
    return await work;
  } finally {
    end();
  }
}

function begin() {
  running += 1;
  if (settleTimer !== null) {
    clearTimeout(settleTimer);
    settleTimer = null;
  }
  if (showTimer === null && !shown.value) showTimer = setTimeout(() => (shown.value = true), BUSY_AFTER_MS);
}

function end() {
  running -= 1;
  if (running > 0) return;
  // A page loads with calls one after another: the next begins as soon as the last ends, so
  // the count is allowed to touch zero for a moment without the wait starting over.
  settleTimer = setTimeout(() => {
    settleTimer = null;
    if (running > 0) return;
    if (showTimer !== null) clearTimeout(showTimer);
    showTimer = null;
    shown.value = false;
  }, 0);
}
