-- wrk script: alternate GET /api/state and GET /metrics (the token comes with -H "Authorization: Bearer …").
local paths = { "/api/state", "/metrics" }
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[n % 2 + 1])
end
