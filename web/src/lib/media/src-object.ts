/** Svelte action: plays a MediaStream in a <video> (srcObject cannot be set from markup). */
export function srcObject(element: HTMLVideoElement, stream: MediaStream | null) {
  const show = (next: MediaStream | null) => {
    if (element.srcObject === next) return;
    element.srcObject = next;
    if (next) element.play().catch(() => undefined);
  };
  show(stream);
  return { update: show, destroy: () => show(null) };
}
