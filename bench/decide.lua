-- One decision per request, about a random seeded contact (the first ask of each loads its projection).
local auth = "Basic " .. "Y2FtcGFpZ246ZGV2LWNhbXBhaWdu"
local contacts = tonumber(os.getenv("BENCH_CONTACTS") or "1000000")
math.randomseed(os.time())
request = function()
  local body = '{"email":"user' .. math.random(0, contacts - 1) .. '@bench.example","purpose":"bench-news","channel":"EMAIL"}'
  return wrk.format("POST", "/api/v1/decisions", {["Authorization"] = auth, ["Content-Type"] = "application/json"}, body)
end
