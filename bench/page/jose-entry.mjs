// esbuild entry for the jose bundle the bench page loads (bench/build/jose.min.js):
// SignJWT, the JWT library's way to sign a client assertion with a CryptoKey.
export { SignJWT } from "jose";
