import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function decodeOr(path: string, fallback: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return fallback;
  }
}

/**
 * Serves the built web app the way the CloudFront distribution does: files by path, and the
 * single-page app's index.html for any other path (the SPA fallback).
 */
export function createStaticFiles(root: string) {
  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = new URL(req.url ?? '/', 'http://gateway').pathname;
    // A path that is not valid percent-encoding names no file: the app's page answers it, as
    // CloudFront's fallback does (e.g. a join link cut short at a `%`).
    const pathname = decodeOr(raw, '/index.html');
    const candidate = normalize(join(root, pathname));
    if (!candidate.startsWith(root + sep) && candidate !== root) {
      res.writeHead(400).end();
      return;
    }
    let file = candidate;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) file = join(root, 'index.html');
    const exists = await stat(file).catch(() => undefined);
    if (!exists?.isFile()) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The web app is not built yet: run npm run build:web');
      return;
    }
    // Caching and security headers are the gateway's, as CloudFront's are (server.ts).
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  };
}
