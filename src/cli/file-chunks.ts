// A file on disk as an async stream of byte chunks for the loaders (src/data/load.ts), read into two
// reused 1 MB buffers in turn. Why not fs.createReadStream: it allocates a fresh buffer for every chunk, and
// the first touch of each fresh megabyte costs the system more than the read itself. A national CIN
// census return is about 3.5 GB: measured on a 467 MB return (Node 20), createReadStream 0.30-0.42 s
// of CPU (mostly system time) against 0.04-0.05 s for reads into one buffer.
// Contract: each chunk is valid until the consumer asks for the next (a `for await` body's end); the
// loaders copy what they keep (the tokenizers carry a cut record or tag in a buffer of their own).
// The file is closed when the stream ends, fails or is abandoned.
import { open } from 'node:fs/promises';

const CHUNK = 1 << 20;

/**
 * The file at `path` in chunks of up to 1 MB, each a view of one of two reused buffers (see file
 * comment): the next chunk is read into the other buffer while the consumer works on this one, so
 * the disk and the parse overlap (wall time; the CPU time is the same).
 */
export async function* fileChunks(path: string, size = CHUNK): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  const bufs = [new Uint8Array(size), new Uint8Array(size)];
  let k = 0;
  let pending: Promise<{ bytesRead: number }> | null = null;
  try {
    pending = file.read(bufs[0]!, 0, size, null);
    for (;;) {
      const { bytesRead } = await pending;
      pending = null;
      if (bytesRead === 0) return;
      const chunk = bufs[k]!.subarray(0, bytesRead);
      // The consumer is done with the other buffer's chunk once it asks for this one.
      k ^= 1;
      pending = file.read(bufs[k]!, 0, size, null);
      yield chunk;
    }
  } finally {
    // A read still in flight (the consumer stopped early) finishes before the file is closed.
    if (pending) await pending.catch(() => undefined);
    await file.close();
  }
}
