import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';

/** One entry: a file on disk (streamed) or bytes in memory. */
export type ZipInput = { name: string; path: string } | { name: string; data: Buffer };

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function tableCrc32(data: Uint8Array, crc = 0): number {
  let c = crc ^ 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const native = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
/** CRC-32 (ISO 3309), continuing from `crc`: zlib.crc32 on Node ≥ 20.15, a table otherwise. */
export const crc32: (data: Uint8Array, crc?: number) => number = typeof native === 'function' ? (d, c = 0) => native(d, c) : tableCrc32;

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: (Math.max(d.getFullYear(), 1980) - 1980) << 9 | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

const FLAGS = 0x0008 | 0x0800; // sizes and CRC in a data descriptor after the data; UTF-8 names
const DEFLATE = 8;

/**
 * A zip archive as a stream, entries deflated one after another while they are read, so a
 * 2 GB .shp never sits in memory. Sizes and CRC follow each entry in a data descriptor and are
 * repeated in the central directory. No ZIP64: an archive past 4 GiB fails the stream.
 */
export function zipStream(inputs: ZipInput[], now: Date): Readable {
  const { time, date } = dosDateTime(now);
  async function* generate(): AsyncGenerator<Buffer> {
    const central: Buffer[] = [];
    let offset = 0;
    for (const input of inputs) {
      const name = Buffer.from(input.name, 'utf8');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(FLAGS, 6);
      local.writeUInt16LE(DEFLATE, 8);
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      local.writeUInt16LE(name.length, 26);
      yield Buffer.concat([local, name]);
      let crc = 0;
      let size = 0;
      let compressed = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          crc = crc32(chunk, crc);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      const source = 'path' in input ? fs.createReadStream(input.path) : Readable.from([input.data]);
      const deflate = zlib.createDeflateRaw({ level: 6 });
      source.on('error', (e: Error) => deflate.destroy(e));
      tap.on('error', (e: Error) => deflate.destroy(e));
      try {
        source.pipe(tap).pipe(deflate);
        for await (const out of deflate as AsyncIterable<Buffer>) {
          compressed += out.length;
          yield out;
        }
      } finally {
        source.destroy();
      }
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(compressed, 8);
      descriptor.writeUInt32LE(size, 12);
      yield descriptor;
      if (offset > 0xffffffff || size > 0xffffffff || compressed > 0xffffffff) throw new Error('the zip would need ZIP64 (more than 4 GiB)');
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(0x0314, 4); // made by: Unix, spec 2.0
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(FLAGS, 8);
      entry.writeUInt16LE(DEFLATE, 10);
      entry.writeUInt16LE(time, 12);
      entry.writeUInt16LE(date, 14);
      entry.writeUInt32LE(crc, 16);
      entry.writeUInt32LE(compressed, 20);
      entry.writeUInt32LE(size, 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
      entry.writeUInt32LE(offset, 42);
      central.push(entry, name);
      offset += local.length + name.length + compressed + descriptor.length;
    }
    const dir = Buffer.concat(central);
    if (offset + dir.length > 0xffffffff) throw new Error('the zip would need ZIP64 (more than 4 GiB)');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(inputs.length, 8);
    end.writeUInt16LE(inputs.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(offset, 16);
    yield dir;
    yield end;
  }
  return Readable.from(generate(), { objectMode: false });
}
