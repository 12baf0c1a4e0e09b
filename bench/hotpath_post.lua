-- wrk script of bench/hotpath.py: many learners answering a quiz at once, each answer a
-- different (attempt, question). HOTPATH_DATA names a Lua file the bench writes:
--   return {host = "127.0.0.1:8123", csrf = "...", questions = {{key, option}, ...},
--           learners = {{attempt_id, session_key}, ...}}
-- Answer n of thread t is slot t + threads * n: attempt floor(slot / #questions), question
-- slot % #questions, so no two requests of the run send the same answer. The attempt id
-- and question key of every answer the server accepted (a redirect to its feedback page
-- without a "messages" cookie, which only refusals and duplicates set) are written to
-- HOTPATH_OK for the bench to check against the database.

local threads, started = {}, 0

function setup(thread)
  thread:set("id", started)
  table.insert(threads, thread)
  started = started + 1
end

function init(args)
  data = dofile(os.getenv("HOTPATH_DATA"))
  step = tonumber(os.getenv("HOTPATH_THREADS"))
  n = id + step * tonumber(os.getenv("HOTPATH_START") or "0")
  ok = {}
  wrapped = 0
  headers = {
    ["X-Forwarded-Proto"] = "https",
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = "https://" .. data.host,
  }
end

function request()
  local questions, learners = data.questions, data.learners
  local slot = n
  n = n + step
  local index = math.floor(slot / #questions)
  if index >= #learners then
    wrapped = 1
    index = index % #learners
  end
  local learner = learners[index + 1]
  local question = questions[slot % #questions + 1]
  headers["Cookie"] = "sessionid=" .. learner[2] .. "; csrftoken=" .. data.csrf
  headers["Referer"] = "https://" .. data.host .. "/kuis/percobaan/" .. learner[1] .. "/"
  local body = "csrfmiddlewaretoken=" .. data.csrf .. "&question=" .. question[1] ..
    "&stage=0&choice=" .. question[2]
  return wrk.format("POST", "/kuis/percobaan/" .. learner[1] .. "/jawab/", headers, body)
end

function response(status, headers, body)
  if status ~= 302 then return end
  local cookie = headers["Set-Cookie"] or ""
  if string.find(cookie, "messages=", 1, true) then return end
  local attempt, key = string.match(headers["Location"] or "",
    "/kuis/percobaan/(%d+)/umpan%-balik/([^/]+)/$")
  if attempt then ok[#ok + 1] = attempt .. " " .. key end
end

function done(summary, latency, requests)
  local out = io.open(os.getenv("HOTPATH_OK"), "w")
  local any_wrapped = 0
  for _, thread in ipairs(threads) do
    for _, line in ipairs(thread:get("ok")) do out:write(line, "\n") end
    if thread:get("wrapped") == 1 then any_wrapped = 1 end
  end
  out:close()
  local e = summary.errors
  io.write(string.format(
    'HOTPATH {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"errors": %d, "status_errors": %d, "wrapped": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status, any_wrapped))
end
