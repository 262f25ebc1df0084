export { orderCertificate, readCaFile, type AcmeSettings, type ChallengeResponder, type IssuedCertificate } from "./order-certificate.js";
export { loadOrCreateAccountKey } from "./account-key.js";
