/**
 * Prints the roles-by-routes table from the routes' declared access, between the markers in
 * ARCHITECTURE.md (`npm run docs` rewrites it; a unit test fails when the document is stale).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { routeEntries } from '../functions/http/route-table';
import { allRoles } from '../functions/identity/actor';

export const startMarker = '<!-- permissions:start -->';
export const endMarker = '<!-- permissions:end -->';

export function permissionTable(): string {
  const header = `| route | ${allRoles.join(' | ')} | guest / anonymous |`;
  const rule = `|---|${allRoles.map(() => ':-:').join('|')}|:-:|`;
  const rows = routeEntries().map((r) => {
    const cells = allRoles.map((role) =>
      r.access.kind === 'public' || r.access.roles.includes(role) ? 'Y' : '·',
    );
    return `| \`${r.method} ${r.path}\` | ${cells.join(' | ')} | ${r.access.kind === 'public' ? 'Y' : '·'} |`;
  });
  return [header, rule, ...rows].join('\n');
}

export function withTable(document: string): string {
  const start = document.indexOf(startMarker);
  const end = document.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error('ARCHITECTURE.md has no permissions markers');
  return `${document.slice(0, start + startMarker.length)}\n${permissionTable()}\n${document.slice(end)}`;
}

if (process.argv[1]?.endsWith('permission-table.ts')) {
  const path = 'ARCHITECTURE.md';
  writeFileSync(path, withTable(readFileSync(path, 'utf8')));
  console.log(`Wrote the permission table of ${routeEntries().length} routes into ${path}`);
}
