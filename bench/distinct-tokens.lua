-- wrk script for bench/load.ts: every request carries the next token of TOKENS_FILE (one a line,
-- each used once), POSTs the GraphQL query in QUERY_FILE, and counts answers that are not HTTP 200
-- or carry GraphQL errors. Give more tokens than requests can be made: RESULT's `tokens` says how
-- many there were, and the caller checks no token was sent twice (requests <= tokens).
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local file = io.open(os.getenv("QUERY_FILE"), "r")
local body = file:read("*a")
file:close()

local threads = {}
local made = 0
function setup(thread)
  made = made + 1
  thread:set("first", made)
  thread:set("step", tonumber(os.getenv("WRK_THREADS") or "1"))
  table.insert(threads, thread)
end

function init(args)
  next_token = first
  errors = 0
end

function request()
  local token = tokens[((next_token - 1) % #tokens) + 1]
  next_token = next_token + step
  return wrk.format("POST", nil, { ["content-type"] = "application/json", ["authorization"] = "Bearer " .. token }, body)
end

function response(status, headers, answer)
  if status ~= 200 or string.find(answer, '"errors"', 1, true) then errors = errors + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("errors") end
  io.write(string.format("RESULT requests=%d seconds=%.3f p50=%.3f p95=%.3f p99=%.3f errors=%d tokens=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, failed, #tokens))
end
