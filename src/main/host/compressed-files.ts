/**
 * The console's text files (scripts, styles, the page) compressed for the browser: Brotli where it is
 * accepted (every current browser), else gzip. Each file is compressed once, on Node's thread pool (never on
 * the event loop the dialler shares), and kept in memory for as long as it is unchanged on disk (its size and
 * modification time are its version): the built console is well under a megabyte of text, a few hundred kB
 * compressed. The host warms the cache as it starts, so even the first page load finds its files ready.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Text files worth compressing; fonts and images are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg']);
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 1024;
/** Brotli's quality 6: within 10 % of its best for the console's scripts, at a hundredth of the time. */
const BROTLI_QUALITY = 6;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export function isCompressible(path: string, size: number): boolean {
  return size >= MIN_BYTES && COMPRESSIBLE.has(extname(path).toLowerCase());
}

/**
 * The encoding to answer with for a request's Accept-Encoding: Brotli before gzip, neither when the browser
 * does not list it or refuses it (q=0); null for the plain file.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q !== undefined && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

function compress(content: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      })
    : gzipped(content);
}

interface Cached {
  version: string;
  encoded: Map<Encoding, Promise<Buffer>>;
}

export class CompressedFiles {
  private readonly files = new Map<string, Cached>();

  /**
   * The file compressed with `encoding`, for the version of it that `stats` describe (from the caller's own
   * stat); compressed now when it is not in memory yet.
   */
  get(path: string, stats: { size: number; mtimeMs: number }, encoding: Encoding): Promise<Buffer> {
    const version = `${stats.size}:${stats.mtimeMs}`;
    let cached = this.files.get(path);
    if (cached?.version !== version) {
      cached = { version, encoded: new Map() };
      this.files.set(path, cached);
    }
    let body = cached.encoded.get(encoding);
    if (!body) {
      body = readFile(path).then((content) => compress(content, encoding));
      // A failure is not kept: the next request tries again (and this one is answered uncompressed).
      body.catch(() => {
        if (this.files.get(path)?.encoded.get(encoding) === body) cached.encoded.delete(encoding);
      });
      cached.encoded.set(encoding, body);
    }
    return body;
  }

  /** Compresses the console's page and assets with Brotli ahead of the first request; never fails. */
  async warm(root: string): Promise<void> {
    const assets = await readdir(join(root, 'assets')).catch(() => [] as string[]);
    const paths = [join(root, 'index.html'), ...assets.map((name) => join(root, 'assets', name))];
    await Promise.all(
      paths.map(async (path) => {
        try {
          const stats = await stat(path);
          if (stats.isFile() && isCompressible(path, stats.size)) await this.get(path, stats, 'br');
        } catch {
          // Missing or unreadable: served (or refused) as it is when asked for.
        }
      }),
    );
  }
}
