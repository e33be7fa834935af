import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where package-lock.json, functions/ and web/ live. */
export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
