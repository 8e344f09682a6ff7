// Read-only means read-only: while a backup is viewed, every page hides or disables what
// would change data (the core refuses such writes anyway; the window should not offer them).
import { computed, inject, provide, type ComputedRef } from 'vue';

const KEY = Symbol('viewing');

/** Set once by the window: whether a backup is being viewed. */
export function provideViewing(viewing: ComputedRef<boolean>) {
  provide(KEY, viewing);
}

/** True while a backup is viewed read-only. */
export function useViewing(): ComputedRef<boolean> {
  return inject(KEY, computed(() => false));
}
