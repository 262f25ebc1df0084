export { certStoreKeys, channelForDb, routeStoreKeys, type RouteStoreKeys, type RouteStoreOptions } from "./keys.js";
export { publishRouteTable } from "./publish-route-table.js";
export { parseStoredRouteTable, readRouteTable } from "./read-route-table.js";
export { subscribeRouteTable, type RouteTableSubscription, type SubscribeRouteTableOptions } from "./subscribe-route-table.js";
export { subscribeVersioned, type Subscription, type SubscribeOptions } from "./subscribe-versioned.js";
export { parseStoredCertBundle, publishCertBundle, subscribeCertBundle } from "./cert-bundle-store.js";
export { challengeKey, isChallengeToken, putChallenge, readChallenge, removeChallenge } from "./acme-challenges.js";
