/**
 * Serves the built console (out/renderer) to the browser: the right content types (module scripts only run
 * as text/javascript), no path escaping the folder, index.html for any unknown path so #views reload, long
 * caching only for the hashed assets, and text files compressed (compressed-files.ts) for a browser that
 * accepts it.
 */
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { join, normalize, resolve, sep } from 'node:path';
import { contentTypeFor } from '../content-types';
import { chooseEncoding, isCompressible, type CompressedFiles } from './compressed-files';

/** The file under `root` that `urlPath` names, or null when it would leave `root`. */
export function fileUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(join(base, normalize(decoded)));
  return full === base || full.startsWith(base + sep) ? full : null;
}

/** The file's stats, or null when it is not a file. */
async function fileStats(path: string): Promise<Stats | null> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

/**
 * The console's policy in a browser (Electron's window sends its own): scripts and styles from the host only,
 * and connections only back to it (its WebSocket included, spelled out for browsers where 'self' omits ws:).
 */
function contentSecurityPolicy(host: string | undefined): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // The Host header is the client's word: only a plain host:port is echoed into the policy.
    `connect-src 'self'${host && /^[\w.-]+:\d{1,5}$/.test(host) ? ` ws://${host}` : ''}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function serveStatic(
  root: string,
  urlPath: string,
  response: ServerResponse,
  request: { headers: IncomingHttpHeaders; compressed?: CompressedFiles } = { headers: {} },
): Promise<void> {
  const requested = fileUnder(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!requested) {
    response.writeHead(400, { 'content-type': 'text/plain' }).end('Bad path');
    return;
  }
  let file = requested;
  let stats = await fileStats(file);
  if (!stats) {
    // Missing assets are real 404s; any other path is the console itself.
    if (urlPath.startsWith('/assets/')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    file = join(root, 'index.html');
    stats = await fileStats(file);
    if (!stats) {
      response
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The console is not built: run `npm run serve` (it builds it) or `npm run build`.');
      return;
    }
  }
  const headers: Record<string, string | number> = {
    'content-type': contentTypeFor(file),
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    ...(file.endsWith('.html')
      ? { 'content-security-policy': contentSecurityPolicy(request.headers.host) }
      : {}),
  };
  if (request.compressed && isCompressible(file, stats.size)) {
    headers.vary = 'Accept-Encoding';
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    const body = encoding ? await request.compressed.get(file, stats, encoding).catch(() => null) : null;
    if (encoding && body) {
      response.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
      response.end(body);
      return;
    }
  }
  response.writeHead(200, headers);
  createReadStream(file).pipe(response);
}
