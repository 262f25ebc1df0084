-- wrk script for the 'many hosts' scenario: cycle through Host: h1.test .. hN.test
-- (N = first script argument, default 10000). Requests are pre-built once in init().
local reqs, n, i = {}, 0, 0
function init(args)
  n = tonumber(args[1]) or 10000
  for k = 1, n do reqs[k] = wrk.format("GET", "/", { Host = "h" .. k .. ".test" }) end
end
function request()
  i = i % n + 1
  return reqs[i]
end
