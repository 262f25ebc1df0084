export { orderCertificate, readCaFile, type AcmeSettings, type ChallengeResponder, type IssuedCertificate } from "./order-certificate.js";
export { loadOrCreateAccountKey } from "./account-key.js";
export { challtestsrvDns, dns01RecordName, type DnsProvider } from "./dns-provider.js";
