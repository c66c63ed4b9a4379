#!/usr/bin/env bash
# Checks the training report in a real browser: trains a tiny model on synthetic data with
# `bin/movierec train --report DIR`, renders DIR/report.html in headless Chromium, and fails unless
# the screenshot shows the page (not blank: text, and coloured plot lines) and Chromium logged no
# error about the page (uncaught exceptions, console errors, failed loads).
# Installs Chromium (the Debian package) when it is missing.
#
# usage: .ci/report-check.sh [WORK_DIR]
#   WORK_DIR keeps the data, the model, the report, report.png and chromium.log
#   (default: a temporary directory, removed on success).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "report-check: FAILED: $*" >&2
  exit 1
}

if [ $# -ge 1 ]; then
  work="$1"
  keep=1
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  keep=0
fi
work="$(cd "$work" && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
  echo "report-check: installing chromium ..." >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
fi
command -v chromium >/dev/null 2>&1 || fail "chromium is not installed"

echo "report-check: tiny training run in $work" >&2
rm -rf "$work/data" "$work/data-source" "$work/model" "$work/report"
bin/movierec prepare --data synthetic --users 200 --movies 300 --ratings 10000 --validation \
  --out "$work/data" >"$work/prepare.log" 2>&1 || { cat "$work/prepare.log" >&2; fail "prepare"; }
bin/movierec train --model rank --data "$work/data/train" --validation "$work/data/validation" \
  --save "$work/model" --epochs 2 --batch-size 64 --dim 8 --fc 32,16 --print-interval 1000 \
  --report "$work/report" >"$work/train.log" 2>&1 || { cat "$work/train.log" >&2; fail "training"; }
page="$work/report/report.html"
[ -s "$page" ] || fail "no $page"
[ -s "$work/report/report.json" ] || fail "no $work/report/report.json"

echo "report-check: rendering $page in headless chromium" >&2
profile="$(mktemp -d)"
rm -f "$work/report.png"
status=0
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --enable-logging=stderr --v=0 --user-data-dir="$profile" \
  --screenshot="$work/report.png" --window-size=1280,2000 \
  "file://$page" >"$work/chromium.log" 2>&1 || status=$?
rm -rf "$profile"
[ "$status" -eq 0 ] || { cat "$work/chromium.log" >&2; fail "chromium exited with $status"; }

# Errors about the page: script errors and console messages, failed loads of the page or of
# anything it refers to. (Headless Chromium in a container also logs unrelated errors — D-Bus,
# GPU, sandbox — which are not about the page and are ignored.)
page_errors="Uncaught|CONSOLE|net::ERR_|ERROR:.*(report\.html|file://)"
if grep -E "$page_errors" "$work/chromium.log" >&2; then
  fail "chromium reported errors about the page (above; full log: $work/chromium.log)"
fi

python3 - "$work/report.png" <<'PY' || fail "the screenshot does not show the report"
import struct, sys, zlib

path = sys.argv[1]
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{path}: not a PNG")
pos, chunks = 8, {}
idat = b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    pos += 12 + length
    if kind == b"IDAT":
        idat += body
    else:
        chunks.setdefault(kind, body)
width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
channels = {2: 3, 6: 4}.get(colour)
if depth != 8 or channels is None or interlace:
    sys.exit(f"{path}: unsupported PNG (depth {depth}, colour {colour}, interlace {interlace})")
raw = zlib.decompress(idat)
stride = width * channels
rows, prev, off = [], bytearray(stride), 0
for _ in range(height):
    kind, line = raw[off], bytearray(raw[off + 1:off + 1 + stride])
    off += 1 + stride
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b = prev[i]
        c = prev[i - channels] if i >= channels else 0
        if kind == 1:
            line[i] = (line[i] + a) & 255
        elif kind == 2:
            line[i] = (line[i] + b) & 255
        elif kind == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line)
    prev = line
dark = coloured = 0
for line in rows:
    for x in range(0, stride, channels):
        r, g, b = line[x], line[x + 1], line[x + 2]
        if r + g + b < 600:
            dark += 1
        if max(r, g, b) - min(r, g, b) > 80:
            coloured += 1
total = width * height
print(f"report-check: {path}: {width}x{height}, {dark} non-white pixels "
      f"({100.0 * dark / total:.2f} %), {coloured} coloured pixels", file=sys.stderr)
if dark < total * 0.01:
    sys.exit("the screenshot is (nearly) blank")
if coloured < 2000:
    sys.exit("the screenshot shows no plot lines")
PY

if [ "$keep" -eq 1 ]; then
  echo "report-check: OK (screenshot: $work/report.png)" >&2
else
  rm -rf "$work"
  echo "report-check: OK (give a WORK_DIR to keep the report and its screenshot)" >&2
fi
