-- The one wrk script of bench/run.sh. Configured by environment variables (wrk's setup and done phases get no
-- script arguments):
--   BENCH_RESULT   file that done() writes: one JSON object (requests, duration, latency percentiles, errors)
--   BENCH_METHOD   HTTP method (default GET)
--   BENCH_BODY     request body (sent with content-type: application/json)
--   BENCH_TOKEN    bearer token for the authorization header
--   BENCH_STATUS   "1": count every response by status code (a response() callback: wrk then reads headers
--                  and bodies, which costs it a little; run.sh uses the same setting for baseline and platform)
--   BENCH_HARVEST  file that done() writes: the id of every 201 response, one a line (from the Location header,
--                  else the body's first "id"); for the approval pool
--   BENCH_POOL     file of ids, one a line: each request takes the next unused id (ids are split between the
--                  threads) into BENCH_PATH_TEMPLATE ("{id}" replaced); a thread whose ids are used up stops
--                  when its last answer is in, and the rate is then computed over the time until the last
--                  thread stopped
--   BENCH_PATH_TEMPLATE  e.g. /api/share-requests/{id}/approve
--   BENCH_THREADS  wrk's -t, to split the pool between the threads
--   BENCH_INTERVAL_MS  pace each connection: it sends its next request this long after the previous one (wrk's
--                  delay()), so that connections / interval is the offered rate, e.g. half the maximum one
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } bench_timeval;
  int gettimeofday(bench_timeval *tv, void *tz);
]]

local function now_us()
  local tv = ffi.new("bench_timeval")
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end

local function env(name)
  local v = os.getenv(name)
  if v == nil or v == "" then return nil end
  return v
end

local count_status = env("BENCH_STATUS") == "1"
local harvest = env("BENCH_HARVEST")
local pool_file = env("BENCH_POOL")
local path_template = env("BENCH_PATH_TEMPLATE")

wrk.method = env("BENCH_METHOD") or "GET"
wrk.body = env("BENCH_BODY")
if wrk.body then wrk.headers["Content-Type"] = "application/json" end
if env("BENCH_TOKEN") then wrk.headers["Authorization"] = "Bearer " .. env("BENCH_TOKEN") end

local interval_ms = tonumber(env("BENCH_INTERVAL_MS") or "")
if interval_ms then
  function delay() return interval_ms end
end

-- Setup and done phases (wrk's main Lua state).
local threads = {}

local function read_lines(path)
  local lines = {}
  local f = assert(io.open(path, "r"))
  for line in f:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  f:close()
  return lines
end

local pool_all = nil

function setup(thread)
  local index = #threads + 1
  threads[index] = thread
  thread:set("thread_index", index)
  if pool_file then
    -- Thread i (1-based) of n takes the ids i, i+n, i+2n, ... of the file.
    pool_all = pool_all or read_lines(pool_file)
    local n = tonumber(env("BENCH_THREADS") or "1")
    local mine = {}
    for k = index, #pool_all, n do mine[#mine + 1] = pool_all[k] end
    thread:set("pool", mine)
  end
end

-- Running phase (one Lua state per wrk thread).
thread_index = 0
statuses = {}
ids = {}
pool = {}
pool_next = 1
started_us = 0
exhausted_us = 0

function init(args)
  started_us = now_us()
end

issued = 0
received = 0
pool_done = false

-- A thread whose ids are used up stops once the answers to all its requests are in.
local function stop_if_drained()
  if pool_done and received >= issued then
    if exhausted_us == 0 then exhausted_us = now_us() end
    wrk.thread:stop()
  end
end

-- wrk calls request() of its first thread once before the run, only to parse what it returns (pipelining): that
-- call must not use an id up.
verified = false

if pool_file then
  function request()
    if thread_index == 1 and not verified then
      verified = true
      return wrk.format(nil, (path_template:gsub("{id}", pool[1] or "none")))
    end
    local id = pool[pool_next]
    if id == nil then
      pool_done = true
      stop_if_drained()
      return "" -- sends nothing: the connection stays idle until the thread stops
    end
    pool_next = pool_next + 1
    issued = issued + 1
    return wrk.format(nil, (path_template:gsub("{id}", id)))
  end
end

if count_status or harvest or pool_file then
  function response(status, headers, body)
    received = received + 1
    if count_status then
      statuses[status] = (statuses[status] or 0) + 1
    end
    if harvest and status == 201 then
      local location = headers["Location"] or headers["location"]
      local id = location and location:match("([^/]+)$") or body:match('"id"%s*:%s*"([^"]+)"')
      if id then ids[#ids + 1] = id end
    end
    if pool_done then stop_if_drained() end
  end
end

local function json_string(s)
  return '"' .. tostring(s):gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
  local merged = {}
  local harvested = {}
  local first_start, last_exhausted, all_exhausted = nil, 0, pool_file ~= nil
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("statuses") or {}) do
      merged[code] = (merged[code] or 0) + n
    end
    for _, id in ipairs(t:get("ids") or {}) do harvested[#harvested + 1] = id end
    local s = t:get("started_us") or 0
    if s > 0 and (first_start == nil or s < first_start) then first_start = s end
    local e = t:get("exhausted_us") or 0
    if e == 0 then all_exhausted = false elseif e > last_exhausted then last_exhausted = e end
  end

  local duration_us = summary.duration
  local effective_us = duration_us
  if all_exhausted and first_start and last_exhausted > first_start then
    effective_us = math.min(duration_us, last_exhausted - first_start)
  end

  if harvest then
    local f = assert(io.open(harvest, "w"))
    for _, id in ipairs(harvested) do f:write(id, "\n") end
    f:close()
  end

  local e = summary.errors
  local parts = {
    '"requests":' .. summary.requests,
    '"duration_s":' .. string.format("%.3f", duration_us / 1e6),
    '"effective_duration_s":' .. string.format("%.3f", effective_us / 1e6),
    '"rps":' .. string.format("%.2f", summary.requests / (effective_us / 1e6)),
    '"bytes":' .. summary.bytes,
    '"p50_ms":' .. string.format("%.3f", latency:percentile(50) / 1000),
    '"p90_ms":' .. string.format("%.3f", latency:percentile(90) / 1000),
    '"p99_ms":' .. string.format("%.3f", latency:percentile(99) / 1000),
    '"max_ms":' .. string.format("%.3f", latency.max / 1000),
    '"socket_errors":{"connect":' .. e.connect .. ',"read":' .. e.read .. ',"write":' .. e.write .. ',"timeout":' .. e.timeout .. '}',
    '"status_4xx_5xx":' .. e.status,
    '"pool_exhausted":' .. tostring(all_exhausted),
    '"harvested":' .. #harvested,
  }
  if count_status then
    local codes = {}
    for code, n in pairs(merged) do codes[#codes + 1] = json_string(code) .. ":" .. n end
    parts[#parts + 1] = '"statuses":{' .. table.concat(codes, ",") .. '}'
  end
  if pool_all then parts[#parts + 1] = '"pool_size":' .. #pool_all end

  local out = env("BENCH_RESULT")
  local text = "{" .. table.concat(parts, ",") .. "}\n"
  if out then
    local f = assert(io.open(out, "w"))
    f:write(text)
    f:close()
  else
    io.write(text)
  end
end
