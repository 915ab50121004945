// esbuild entry for the @peculiar/x509 bundle the bench page loads (bench/build/peculiar.min.js).
// The whole library plus its dependencies (asn1js, tsyringe, tslib, pvtsutils, ...) and the
// reflect-metadata polyfill it needs at import time: what a page doing this job would ship.
import "reflect-metadata";
export * from "@peculiar/x509";
