import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withTable } from '../../scripts/permission-table';

describe('ARCHITECTURE.md', () => {
  it('shows the roles-by-routes table of the routes as declared now (npm run docs updates it)', () => {
    const document = readFileSync('ARCHITECTURE.md', 'utf8');
    expect(document).toBe(withTable(document));
  });
});
