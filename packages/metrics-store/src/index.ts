export { requestCountersKey, addRequestCounters, readRequestSeries } from "./request-series.js";
