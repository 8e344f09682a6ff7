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
  // A date field (DateField) takes Enter while its calendar is open, for the day typed or
  // chosen; with the calendar closed, Enter submits as from any field. (Element Plus marks the
  // picker is-focus exactly while its calendar is meant to be open, typing opens it.)
  if (target.closest('.date-field')) return !target.closest('.el-date-editor.is-focus');
  // Drop-downs, other pickers and number steppers use Enter themselves.
  return !target.closest('.el-select, .el-select-v2, .el-date-editor, .el-cascader, .el-autocomplete, .el-input-number');
}

/** A keydown handler for a form, to be bound in the capture phase (`@keydown.capture`): Enter
 * submits through `submit`. Capture, because a field's own handler (the date picker's, which
 * opens its calendar) would otherwise see the Enter first and keep it. */
export function enterSubmits(submit: () => unknown) {
  return (e: KeyboardEvent) => {
    if (!submitsOnEnter(e)) return;
    e.preventDefault();
    e.stopPropagation();
    submit();
  };
}
