-- A login flood for bench/login_flood.py: every request is a wrong password for a new,
-- random e-mail of tenant bench-a (so no per-account counter stops it before hashing).
-- Arguments after "--": 1 nonce (hex). done() prints "FLOOD_RESULT {json}" with the count
-- of each status seen.

local nonce
local counter = 0
statuses = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  nonce = args[1]
  statuses = {}
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"tenant_slug":"bench-a","email":"flood-%s-%d@bench.test","password":"not the password"}',
    nonce, counter)
  return wrk.format("POST", "/api/v1/auth/token", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local parts = {}
  for _, thread in ipairs(threads) do
    local seen = thread:get("statuses")
    for status, count in pairs(seen) do
      table.insert(parts, string.format('"%d":%d', status, count))
    end
  end
  io.write(string.format('FLOOD_RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,' ..
    '"p99_us":%d,"statuses":{%s}}\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), table.concat(parts, ",")))
end
