// One way for every form to send and show what the core refused: field messages under their
// fields, the summary at the top, and a busy flag while the call runs.
import { ref } from 'vue';
import { AppError } from './errors';

export function useSubmit() {
  const errors = ref<Record<string, string>>({});
  const formError = ref('');
  const saving = ref(false);

  /** Runs `action`; on refusal keeps its messages and returns undefined. */
  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    saving.value = true;
    errors.value = {};
    formError.value = '';
    try {
      return await action();
    } catch (e) {
      const err = AppError.from(e);
      errors.value = err.fields;
      formError.value = err.message;
      return undefined;
    } finally {
      saving.value = false;
    }
  }

  function reset() {
    errors.value = {};
    formError.value = '';
  }

  return { errors, formError, saving, submit, reset };
}
