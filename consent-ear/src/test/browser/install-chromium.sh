#!/bin/sh
# The browser tests (BrowserIT) drive headless Chromium through chromedriver, both from Debian's packages, never
# downloaded by Selenium. Run by the build before the black-box tests; does nothing when both are installed.
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    as_root=""
else
    as_root="sudo -n"
fi
echo "installing chromium and chromium-driver from Debian for the browser tests"
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
$as_root apt-get install -y -qq --no-install-recommends chromium chromium-driver
