import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sm3, sm4 } from 'sm-crypto-v2';

/**
 * Server-side 国密 cryptography (GB/T 39786 "重要数据存储机密性/完整性"): SM4-GCM for secrets at
 * rest, SM3 for hashes and HMAC-SM3 for integrity. The key is 256 bits: the first half is the SM4
 * key, the second half the HMAC key. A pluggable provider (a certified 密码机) can replace this
 * class behind the same methods.
 */
export class CryptoBox {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(keyHex: string) {
    if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new Error('secret key must be 64 hex characters');
    const key = Buffer.from(keyHex, 'hex');
    this.encKey = key.subarray(0, 16);
    this.macKey = key.subarray(16, 32);
  }

  /** SM4-GCM encryption; returns 'sm4gcm:<iv>:<ciphertext>:<tag>' in hex. */
  encrypt(plaintext: string): string {
    const iv = crypto.randomBytes(12);
    const r = sm4.encrypt(plaintext, this.encKey, { mode: 'gcm', iv, output: 'array', outputTag: true });
    return `sm4gcm:${iv.toString('hex')}:${Buffer.from(r.output).toString('hex')}:${Buffer.from(r.tag!).toString('hex')}`;
  }

  /** Reverses encrypt(); throws when the value was altered (GCM tag mismatch). */
  decrypt(value: string): string {
    const [scheme, ivHex, ctHex, tagHex] = value.split(':');
    if (scheme !== 'sm4gcm' || !ivHex || ctHex === undefined || !tagHex) throw new Error('not an sm4gcm value');
    return sm4.decrypt(Buffer.from(ctHex, 'hex'), this.encKey, {
      mode: 'gcm',
      iv: Buffer.from(ivHex, 'hex'),
      tag: Buffer.from(tagHex, 'hex'),
      output: 'string',
    });
  }

  /** HMAC-SM3 in hex. */
  mac(data: string): string {
    return sm3(data, { key: this.macKey, mode: 'hmac' });
  }
}

/** SM3 hash in hex. */
export function sm3Hex(data: string): string {
  return sm3(data);
}

/**
 * The server key: SECRET_KEY when configured (required when several processes share one
 * database), else DATA_DIR/secret.key, created with mode 0600 on first start.
 */
export function loadSecretKey(configured: string | null, dataDir: string): string {
  if (configured) return configured.toLowerCase();
  const file = path.join(dataDir, 'secret.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/** SHA-256 hex of a string (session token ids). */
export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** A URL-safe random token of n bytes. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
