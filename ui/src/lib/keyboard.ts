// Forms that work from the keyboard: a dialog puts the cursor in its first field, and Enter
// in a one-line field submits — except where Enter means something else (an input method
// committing Chinese text, a drop-down or date picker choosing, a multi-line text).

/** For <el-dialog @opened>: focuses the first field of the dialog just opened. */
export function focusFirstField() {
  const dialogs = [...document.querySelectorAll<HTMLElement>('.el-overlay-dialog .el-dialog')].filter(
    (d) => d.offsetParent !== null,
  );
  const dialog = dialogs[dialogs.length - 1];
  // Someone quicker than the opening animation is already typing in a field: leave them there.
  const active = document.activeElement;
  if (dialog && active && dialog.contains(active) && ['INPUT', 'TEXTAREA'].includes(active.tagName)) return;
  const field = dialog?.querySelector<HTMLElement>(
    '.el-dialog__body input:not([type=hidden]):not([disabled]):not([readonly]), .el-dialog__body textarea:not([disabled])',
  );
  field?.focus();
}

/** Whether a keydown is an Enter that should submit the form it happened in. */
export function submitsOnEnter(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' || e.isComposing || e.keyCode === 229) return false;
  if (e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return false;
  const target = e.target as HTMLElement | null;
  if (!target || target.tagName !== 'INPUT') return false;
  // A field that used this Enter itself says so (a date field refusing what was typed, or
  // closing its calendar on the day chosen).
  if (e.defaultPrevented) return false;
  // Drop-downs, pickers and number steppers use Enter themselves.
  return !target.closest('.el-select, .el-select-v2, .el-date-editor, .el-cascader, .el-autocomplete, .el-input-number');
}

/** A keydown handler for a form: Enter submits through `submit`. Bound on the form (bubbling),
 * so a field's own handler has taken the Enter first (a date field stores the typed day). */
export function enterSubmits(submit: () => unknown) {
  return (e: KeyboardEvent) => {
    if (!submitsOnEnter(e)) return;
    e.preventDefault();
    submit();
  };
}
