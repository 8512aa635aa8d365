import { useEffect, useId, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

/**
 * Asks once before an action that cannot be taken back (completing or returning a task, closing or
 * escalating a case, removing a problem), saying what will happen. A native modal <dialog>: the
 * browser keeps focus inside it, Escape cancels, and screen readers announce it as a dialog.
 */
export function ConfirmDialog({ open, text, confirmLabel, onConfirm, onCancel }: { open: boolean; text: string; confirmLabel?: string; onConfirm(): void; onCancel(): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  // Its own id: a page holds several of these dialogs (close, return…), each named by its own question.
  const textId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} class="confirm" aria-labelledby={textId} onCancel={(e) => (e.preventDefault(), onCancel())}>
      <article>
        <p id={textId}>{text}</p>
        <footer>
          <button type="button" class="secondary" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="button" onClick={onConfirm} autofocus>
            {confirmLabel ?? t.confirm}
          </button>
        </footer>
      </article>
    </dialog>
  );
}
