export { buildCertIndex, selectCert, type CertIndex } from "./cert-index.js";
export {
  acmStatus, backoffMs, nextActionAt, planCertificates, renewalDue, MAX_ATTEMPTS, RENEW_BEFORE_MS,
  type AcmStatus, type CertOrder, type CertState,
} from "./plan-certificates.js";
export { hashCertBundle, makeCertBundle, parseCertBundle, type BundleCert, type CertBundle, type VersionedCertBundle } from "./cert-bundle.js";
