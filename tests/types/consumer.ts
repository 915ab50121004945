// A TypeScript consumer of the module, type-checked (tsc --strict --noEmit) against
// the generated www/pkg/netsuite_m2m.d.ts by declarations.test.mjs; never run. It calls
// every exported function as the README and the page do, and the @ts-expect-error
// lines prove the declarations are precise enough to refuse a mistake.
import init, {
  certificateStatus,
  createClientAssertion,
  createClientAssertionWithCryptoKey,
  encryptPrivateKey,
  generate,
  importCryptoKey,
  inspectCertificate,
  organisationName,
  keyMatchesCertificate,
  parseAccountId,
  parseCertificateId,
  parseClientId,
  passphraseLength,
  readClientAssertion,
  readPrivateKey,
  rules,
  supportedKeyTypes,
  type CertificateReport,
  type ClientAssertion,
  type ErrorCode,
  type Finding,
  type KeyTypeId,
  type M2mError,
  type ScopeName,
} from "../../www/pkg/netsuite_m2m.js";

export async function consume(wasm: Uint8Array): Promise<string[]> {
  await init({ module_or_path: wasm });
  const out: string[] = [];

  const account = parseAccountId("1234567_SB1");
  out.push(account.accountId, account.host, account.tokenEndpoint);
  const client: string = parseClientId("a".repeat(64)).clientId;
  const certId = parseCertificateId(
    "NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA",
  );
  const warnings: Finding[] = certId.warnings;
  out.push(client, certId.certificateId, ...warnings.map((w) => w.code));

  const org = organisationName(" Acme ");
  out.push(org.name, org.key);

  const r = rules();
  const days: number = r.validityDays.default;
  const defaultKey: KeyTypeId | undefined = r.keyTypes.find(
    (k) => k.isDefault,
  )?.id;
  const scopes: ScopeName[] = r.scopes.map((s) => s.id);
  const kinds: KeyTypeId[] = supportedKeyTypes().map((k) => k.id);
  const choices: string[] = r.keyTypes.map((k) => k.choiceLabel);
  const long: boolean =
    passphraseLength("correct horse") >= r.passphraseMinLength;
  out.push(
    String(days),
    String(defaultKey),
    ...scopes,
    ...kinds,
    ...choices,
    String(long),
  );

  const standing = certificateStatus("2030-01-01T00:00:00Z", {
    notBefore: "2029-01-01T00:00:00Z",
    now: Date.now(),
  });
  out.push(standing.status, standing.label, String(standing.daysRemaining));

  const made = await generate({
    keyType: "ec-p384",
    validityDays: 365,
    commonName: "consumer",
    accountId: "1234567",
    now: Date.now(),
  });
  const der: Uint8Array = made.certificateDer;
  const report: CertificateReport = await inspectCertificate(der, {
    now: Date.now(),
  });
  const fromText = await inspectCertificate(made.certificate.pem);
  const bits: number | null = report.key.bits;
  out.push(fromText.fingerprintSha256, String(bits), String(report.selfSigned));
  // @ts-expect-error a report has no field the declarations do not name
  out.push(String(report.signatureVerified));

  const encrypted: string = await encryptPrivateKey(
    made.privateKeyPem,
    "correct horse battery",
  );
  const opened = await readPrivateKey(encrypted, "correct horse battery");
  const plain = await readPrivateKey(made.privateKeyPem);
  const matches: boolean = await keyMatchesCertificate(
    opened.privateKeyPem,
    made.certificate.pem,
  );
  const matchesEncrypted: boolean = await keyMatchesCertificate(
    encrypted,
    der,
    "correct horse battery",
  );
  out.push(
    plain.keyType,
    String(opened.encrypted && matches && matchesEncrypted),
  );

  const params = {
    certificateId: certId.certificateId,
    clientId: client,
    accountId: account.accountId,
    scopes: ["restlets", "rest_webservices"] satisfies ScopeName[],
    lifetimeSeconds: 300,
    now: Date.now(),
  };
  const assertion: ClientAssertion = await createClientAssertion({
    ...params,
    privateKeyPem: encrypted,
    passphrase: "correct horse battery",
  });
  const key: CryptoKey = await importCryptoKey(
    encrypted,
    "correct horse battery",
  );
  const kept = await createClientAssertionWithCryptoKey(key, params);
  out.push(assertion.jwt, kept.requestBody, kept.header.alg);
  const exp: number = kept.claims.exp;
  out.push(String(exp));
  const read = readClientAssertion(kept.jwt);
  const scope: string[] = read.claims.scope;
  out.push(read.header.alg, read.header.kid, read.claims.aud, ...scope);

  try {
    // @ts-expect-error key types are the declared ids, not any string
    await generate({ keyType: "ec-p521" });
    // @ts-expect-error validityDays is a number
    await generate({ validityDays: "365" });
    // @ts-expect-error options are closed: a misspelt option is refused
    await generate({ validity: 365 });
    // @ts-expect-error the scopes are NetSuite's
    await createClientAssertion({ ...params, scopes: ["admin"] });
  } catch (e) {
    const code: ErrorCode = (e as M2mError).code;
    // @ts-expect-error ErrorCode is the closed list of codes, not any string
    const unknown: ErrorCode = "no_such_code";
    out.push(code, unknown, (e as M2mError).field ?? "");
  }
  return out;
}
