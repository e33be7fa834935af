/** Columns for a number of tiles: one big picture, two side by side, then a grid. */
export function columnsFor(tiles: number): number {
  if (tiles <= 1) return 1;
  if (tiles <= 4) return 2;
  if (tiles <= 6) return 3;
  return 4;
}

export const rowsFor = (tiles: number): number => Math.ceil(tiles / columnsFor(tiles));

const connectionNotes = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  connected: null,
} as const;

export const connectionNote = (state: keyof typeof connectionNotes): string | null =>
  connectionNotes[state];
