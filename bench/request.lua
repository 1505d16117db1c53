-- Request generator for bench/run.py (see bench/README.md).
-- Arguments after "--":
--   1 method            GET or POST
--   2 path template     "{id}" is replaced by a random id from the ids file
--   3 ids file          one id per line, or "-" for none
--   4 bearer token      or "-" for none
--   5 JSON body         or "-" for none (sets Content-Type: application/json); several
--                       bodies separated by a newline: each request picks one at random
--   6 nonce             hex string; unique per wrk run
--   7 idempotency       "1": send Idempotency-Key: <nonce>-<counter>, unique per request
--   8 products file     one id per line, or "-" for none: every "{product}" in the body is
--                       replaced by a random id of it, distinct within one request while
--                       the file has enough ids
-- done() prints one line "BENCH_RESULT {json}" that bench/wrk_runner.py parses.

local method, prefix, suffix, nonce
local ids, count = {}, 0
local products, product_count = {}, 0
local bodies = {}   -- each body split at "{product}": pieces[1] id pieces[2] id ... pieces[n]
local headers = {}
local fixed = nil
local idempotent = false
local counter = 0

local function read_ids(path, into)
  local n = 0
  if path ~= "-" then
    for line in io.lines(path) do
      if line ~= "" then
        n = n + 1
        into[n] = line
      end
    end
  end
  return n
end

local function split_body(text)
  local pieces, start = {}, 1
  while true do
    local at = string.find(text, "{product}", start, true)
    if not at then break end
    pieces[#pieces + 1] = string.sub(text, start, at - 1)
    start = at + 9
  end
  pieces[#pieces + 1] = string.sub(text, start)
  return pieces
end

local function make_body()
  if #bodies == 0 then return nil end
  local pieces = bodies[math.random(#bodies)]
  if product_count == 0 then return table.concat(pieces, "{product}") end
  local out, used = { pieces[1] }, {}
  for i = 2, #pieces do
    local pick = math.random(product_count)
    while used[pick] and i - 1 <= product_count do pick = math.random(product_count) end
    used[pick] = true
    out[#out + 1] = products[pick]
    out[#out + 1] = pieces[i]
  end
  return table.concat(out, "")
end

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
  count = read_ids(args[3], ids)
  if args[4] ~= "-" then headers["Authorization"] = "Bearer " .. args[4] end
  if args[5] ~= "-" then
    for text in string.gmatch(args[5], "[^\n]+") do bodies[#bodies + 1] = split_body(text) end
    headers["Content-Type"] = "application/json"
  end
  nonce = args[6]
  idempotent = args[7] == "1"
  product_count = read_ids(args[8] or "-", products)
  math.randomseed(tonumber(string.sub(nonce, 1, 7), 16))
  if count == 0 and not idempotent and #bodies <= 1 and product_count == 0 then
    fixed = wrk.format(method, prefix .. suffix, headers, make_body())
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
  return wrk.format(method, path, headers, make_body())
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
