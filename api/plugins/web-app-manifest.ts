import { deflateSync } from 'node:zlib';

/**
 * What makes the web UI installable: the web app manifest (Thai name first) and its icons. The
 * icons are plain PNGs drawn here (the program's green with a lighter house-shaped mark), so no
 * binary file sits in the repository and no image tool runs at build time.
 */
export const WEB_APP_MANIFEST = {
  name: 'แก้จน · Kaejon',
  short_name: 'แก้จน',
  description: 'ระบบติดตามการแก้ไขปัญหาความยากจนรายครัวเรือน',
  lang: 'th',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#1f6f43',
  icons: [192, 512].map((size) => ({ src: `/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any maskable' })),
};

export const ICON_SIZES = new Set([192, 512]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A square RGB icon: green field, a light house (roof triangle over a body) in the middle. */
export function iconPng(size: number): Buffer {
  const green = [0x1f, 0x6f, 0x43];
  const light = [0xf4, 0xf1, 0xe6];
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const u = x / size - 0.5;
      const v = y / size;
      const roof = v >= 0.22 && v < 0.5 && Math.abs(u) <= (v - 0.22) * 1.2;
      const body = v >= 0.5 && v < 0.78 && Math.abs(u) <= 0.22;
      row.set(roof || body ? light : green, 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
