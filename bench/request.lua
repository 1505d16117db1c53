-- Request generator for bench/run.py (see bench/README.md).
-- Arguments after "--":
--   1 method            GET or POST
--   2 path template     "{id}" is replaced by a random id from the ids file
--   3 ids file          one id per line, or "-" for none
--   4 bearer token      or "-" for none
--   5 JSON body         or "-" for none (sets Content-Type: application/json)
--   6 nonce             hex string; unique per wrk run
--   7 idempotency       "1": send Idempotency-Key: <nonce>-<counter>, unique per request
-- done() prints one line "BENCH_RESULT {json}" that bench/wrk_runner.py parses.

local method, prefix, suffix, body, nonce
local ids, count = {}, 0
local headers = {}
local fixed = nil
local idempotent = false
local counter = 0

function init(args)
  method = args[1]
  local template = args[2]
  local at = string.find(template, "{id}", 1, true)
  if at then
    prefix = string.sub(template, 1, at - 1)
    suffix = string.sub(template, at + 4)
  else
    prefix, suffix = template, ""
  end
  if args[3] ~= "-" then
    for line in io.lines(args[3]) do
      if line ~= "" then
        count = count + 1
        ids[count] = line
      end
    end
  end
  if args[4] ~= "-" then headers["Authorization"] = "Bearer " .. args[4] end
  if args[5] ~= "-" then
    body = args[5]
    headers["Content-Type"] = "application/json"
  end
  nonce = args[6]
  idempotent = args[7] == "1"
  math.randomseed(tonumber(string.sub(nonce, 1, 7), 16))
  if count == 0 and not idempotent then
    fixed = wrk.format(method, prefix .. suffix, headers, body)
  end
end

function request()
  if fixed then return fixed end
  local path = prefix .. suffix
  if count > 0 then path = prefix .. ids[math.random(count)] .. suffix end
  if idempotent then
    counter = counter + 1
    headers["Idempotency-Key"] = nonce .. "-" .. counter
  end
  return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean))
end
