-- wrk script for bench/soak.sh: spreads GET requests over the paths listed in $SOAK_PATHS
-- (one per line) and counts responses by status class; done() prints the totals in a form
-- soak.sh reads ("soak-status 2xx=... 3xx=... 4xx=... 5xx=...").
local paths = {}
local threads = {}

local function load_paths()
  local file = assert(io.open(os.getenv("SOAK_PATHS"), "r"))
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  load_paths()
  counts = { [2] = 0, [3] = 0, [4] = 0, [5] = 0 }
  n = id * 7919
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function response(status, headers, body)
  local class = math.floor(status / 100)
  counts[class] = (counts[class] or 0) + 1
end

function done(summary, latency, requests)
  local total = { [2] = 0, [3] = 0, [4] = 0, [5] = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  io.write(string.format("soak-status 2xx=%d 3xx=%d 4xx=%d 5xx=%d socket_errors=%d\n",
    total[2], total[3], total[4], total[5],
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("soak-latency p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
