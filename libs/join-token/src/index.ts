export { createJoinTokenSigner, type JoinTokenSigner, type SignOptions } from './sign';
export { createJoinTokenVerifier, type JoinTokenVerifier } from './verify';
export { JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER, JOIN_TOKEN_ALG, computeExpiry } from './policy';
export { generateJoinTokenKeyPair } from './keys';
