-- wrk script of bench/hotpath.py: GET one path as many signed-in learners in turn.
-- HOTPATH_DATA names a Lua file the bench writes: return {path = "...", sessions = {...}}.
-- Both peers (the bare view and the module page) run this same script.

local threads, started = {}, 0

function setup(thread)
  thread:set("id", started)
  table.insert(threads, thread)
  started = started + 1
end

function init(args)
  data = dofile(os.getenv("HOTPATH_DATA"))
  step = tonumber(os.getenv("HOTPATH_THREADS"))
  n = id
  base = {["X-Forwarded-Proto"] = "https"}
end

function request()
  local sessions = data.sessions
  base["Cookie"] = "sessionid=" .. sessions[n % #sessions + 1]
  n = n + step
  return wrk.format("GET", data.path, base)
end

-- The statistics as one line the bench parses (times in microseconds).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'HOTPATH {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"errors": %d, "status_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
