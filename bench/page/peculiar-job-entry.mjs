// esbuild entry for a tree-shaken variant, used only to report the smallest @peculiar/x509 bundle
// that can do this job (bytes.peculiar.treeShaken). The page loads the full bundle.
import "reflect-metadata";
export { X509CertificateGenerator, PemConverter } from "@peculiar/x509";
