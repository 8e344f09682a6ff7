import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUSY_AFTER_MS, busyShown, tracked } from './busy';

// Work that finishes when told.
function work() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

async function settle() {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(1);
}

describe('the loading sign', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stays away for quick work', async () => {
    const w = work();
    const call = tracked(w.done);
    await vi.advanceTimersByTimeAsync(BUSY_AFTER_MS - 50);
    expect(busyShown.value).toBe(false);
    w.finish();
    await call;
    await settle();
    await vi.advanceTimersByTimeAsync(BUSY_AFTER_MS);
    expect(busyShown.value).toBe(false);
  });

  it('shows once work has run 300 ms and goes when it ends', async () => {
    const w = work();
    const call = tracked(w.done);
    await vi.advanceTimersByTimeAsync(BUSY_AFTER_MS + 1);
    expect(busyShown.value).toBe(true);
    w.finish();
    await call;
    await settle();
    expect(busyShown.value).toBe(false);
  });

  it('counts calls made one after another as one wait', async () => {
    for (let i = 0; i < 3; i++) {
      const w = work();
      const call = tracked(w.done);
      await vi.advanceTimersByTimeAsync(BUSY_AFTER_MS / 2 - 10);
      w.finish();
      await call;
    }
    expect(busyShown.value).toBe(true);
    await settle();
    expect(busyShown.value).toBe(false);
  });
});
