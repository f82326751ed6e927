-- One-click unsubscribes (RFC 8058): each request POSTs List-Unsubscribe=One-Click to a link of its own, the paths
-- read from the file BENCH_UNSUB_LINKS (one per line), dealt between wrk's threads (BENCH_UNSUB_THREADS, 2) so that no
-- two threads click the same link. No authentication: the signed link is the credential.
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local threads = tonumber(os.getenv("BENCH_UNSUB_THREADS") or "2")
  paths = {}
  local k = 0
  for line in io.lines(os.getenv("BENCH_UNSUB_LINKS")) do
    if k % threads == id then
      paths[#paths + 1] = line
    end
    k = k + 1
  end
  at = 0
  -- wrk calls request() once in its first thread before sending anything, to check what the script makes: that call
  -- must not use up a link, or the first link of that thread would never be clicked.
  checked = id ~= 0
end

function request()
  if checked then
    at = at % #paths + 1
  else
    checked = true
  end
  return wrk.format("POST", paths[math.max(at, 1)], {["Content-Type"] = "application/x-www-form-urlencoded"},
    "List-Unsubscribe=One-Click")
end
