// No edit is lost without asking: a form compares what it shows with what it loaded, and asks
// before its dialog closes (the close button, 取消, Esc) or its page is left with changes.
import { onBeforeUnmount, type Ref } from 'vue';
import { ElMessageBox } from 'element-plus';

const snapshot = (v: unknown) => JSON.stringify(v);

/** Asks whether to throw the changes away; true when the secretary says so. */
export async function confirmDiscard(): Promise<boolean> {
  try {
    await ElMessageBox.confirm('有未保存的修改，关闭后这些修改会丢失。', '有未保存的修改', {
      confirmButtonText: '放弃修改',
      cancelButtonText: '继续编辑',
      type: 'warning',
      distinguishCancelAndClose: true,
    });
    return true;
  } catch {
    return false;
  }
}

/** A dialog form's changes: `mark()` once it is loaded; `beforeClose` for <el-dialog>;
 * `close(open)` for its 取消 button. */
export function useDirty(form: Ref<unknown>) {
  let loaded = snapshot(form.value);
  const mark = () => {
    loaded = snapshot(form.value);
  };
  const dirty = () => snapshot(form.value) !== loaded;
  async function beforeClose(done: () => void) {
    if (!dirty() || (await confirmDiscard())) done();
  }
  return { mark, dirty, beforeClose };
}

// Pages with changes not yet saved; the window asks before another page replaces them.
const pageGuards = new Set<() => boolean>();

/** Registers a page's dirty check for as long as the page is shown. */
export function guardPage(isDirty: () => boolean) {
  pageGuards.add(isDirty);
  onBeforeUnmount(() => pageGuards.delete(isDirty));
}

/** Whether the shown page may be replaced: no changes, or the secretary gives them up. */
export async function mayLeavePage(): Promise<boolean> {
  for (const isDirty of pageGuards) {
    if (isDirty()) return confirmDiscard();
  }
  return true;
}
