/** Svelte action: scrolls a freshly shown element into view, e.g. a confirmation at a form's end. */
export function reveal(node: HTMLElement): void {
  node.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}
