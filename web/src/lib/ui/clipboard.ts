/**
 * Copies text for pasting into an email or a chat. The async Clipboard API needs a secure
 * context and the page's focus; where it is refused, a selected hidden textarea and the older
 * copy command still work in every browser a clinic uses.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}
