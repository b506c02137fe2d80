import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { JOIN_TOKEN_ALG } from './policy';

/** A fresh Ed25519 key pair in PEM form (used by setup and by tests). */
export async function generateJoinTokenKeyPair(): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateKeyPair(JOIN_TOKEN_ALG, { extractable: true });
  return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}
