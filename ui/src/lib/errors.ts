// Errors as the core reports them: a kind to branch on, a Chinese message, and per-field
// messages for forms. The UI never looks inside message strings.
import type { Error as CoreError } from '../bindings/Error';
import type { ErrorKind } from '../bindings/ErrorKind';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }

  static from(e: CoreError | string | unknown): AppError {
    if (e instanceof AppError) return e;
    if (typeof e === 'object' && e !== null && 'kind' in e && 'message' in e) {
      const core = e as CoreError;
      const fields: Record<string, string> = {};
      for (const f of core.fields ?? []) fields[f.field] = f.message;
      return new AppError(core.kind, core.message, fields);
    }
    // Errors raised by Tauri itself (a missing command, a malformed argument) are strings.
    return new AppError('internal', `程序内部错误：${String(e)}`);
  }
}
