// What the consumer app does with the installed package, whichever way it loaded the
// wasm: generate a key pair and certificate, then inspect the certificate.
export async function job(m2m, keyType) {
  const made = await m2m.generate({ keyType, commonName: "package fixture" });
  const report = await m2m.inspectCertificate(made.certificate.pem);
  return {
    keyType,
    privateKeyPem: made.privateKeyPem,
    certificatePem: made.certificate.pem,
    report: {
      subject: report.subject,
      keyType: report.keyType,
      fingerprintSha256: report.fingerprintSha256,
      signatureAlgorithm: report.signatureAlgorithm,
      selfSigned: report.selfSigned,
      acceptedByNetSuite: report.acceptedByNetSuite,
      validityDays: report.validityDays,
    },
  };
}

/** Runs the job for ?keyType=… and leaves the outcome in window.__result for the test. */
export async function runInPage(m2m, init) {
  const keyType = new URLSearchParams(location.search).get("keyType");
  try {
    await init();
    window.__result = await job(m2m, keyType);
  } catch (e) {
    window.__result = { error: String((e && e.stack) || e) };
  }
}
