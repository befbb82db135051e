/**
 * Puts text on the clipboard from the overlay's click. The async clipboard works on a focused
 * page with the click's user activation; where it is refused, a one-time `copy` handler fills the
 * clipboard during `execCommand('copy')` without touching the page's selection.
 */
export async function copyToClipboard(doc: Document, text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    let done = false;
    const onCopy = (event: ClipboardEvent) => {
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
      event.stopImmediatePropagation();
      done = true;
    };
    doc.addEventListener('copy', onCopy, { capture: true, once: true });
    try {
      doc.execCommand('copy');
    } finally {
      doc.removeEventListener('copy', onCopy, { capture: true });
    }
    return done;
  }
}
