/**
 * acme-client (with axios and its crypto helpers) costs every process that loads it ~14 MB;
 * the worker needs it only when it orders a certificate, so it is loaded then, once.
 */
export const loadAcmeClient = () => import("acme-client");
