-- wrk script of benchmarks/scale-http.sh: every request picks a random line of the page's file
-- ("<path>\t<session cookie value>"), i.e. a random generated municipality with one of its logged-in users.
-- Usage: wrk ... -s benchmarks/scale/pages.lua <url> -- <lines file>
local entries = {}
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("seed", thread_number)
end

function init(args)
  for line in io.lines(args[1]) do
    local path, cookie = line:match("^(%S+)\t(%S+)$")
    if path then entries[#entries + 1] = { path, cookie } end
  end
  math.randomseed(os.time() * 1000 + (tonumber(seed) or 0))
end

function request()
  local entry = entries[math.random(#entries)]
  return wrk.format("GET", entry[1], { ["Cookie"] = "fp_session=" .. entry[2] })
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.2f p99=%.2f max=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
