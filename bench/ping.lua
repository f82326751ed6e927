-- The baseline: the same server, authentication and JSON answer, no database.
wrk.headers["Authorization"] = "Basic " .. "Y2FtcGFpZ246ZGV2LWNhbXBhaWdu"
