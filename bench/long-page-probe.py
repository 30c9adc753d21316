#!/usr/bin/env python3
"""The page of one huge article (1,000,000 lines, 13 MB, written straight into the SQLite file: it is over
the upload limit), requested by 16 anonymous readers at once: the page's size, the time, and the app's
memory (VmRSS and its peak VmHWM from /proc) before and after; then the whole-text download.

usage: long-page-probe.py BASE_URL DATABASE_FILE APP_PID"""
import concurrent.futures, sqlite3, sys, time, urllib.request, uuid

base, db_path, pid = sys.argv[1:4]


def memory():
    fields = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status"))
    return tuple(int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))


def get(url):
    t0 = time.time()
    with urllib.request.urlopen(base + url, timeout=600) as r:
        body = r.read()
        return r.status, len(body), time.time() - t0, body


lines = 1_000_000
text = "Fix ALS now.\n" * lines
with sqlite3.connect(db_path, timeout=60) as db:
    row = db.execute("SELECT Id FROM Sources WHERE Title = 'Probe: one million lines'").fetchone()
    if not row:
        values = {"Title": "Probe: one million lines", "OriginalText": text, "CleanedText": text,
                  "ContentHash": uuid.uuid4().hex, "FileName": "probe-million.txt", "ImportedAt": "2026-12-02 00:00:00"}
        for r in db.execute("PRAGMA table_info(Sources)").fetchall():
            if r[3] and r[4] is None and r[5] == 0:
                values.setdefault(r[1], 0 if r[2].upper() in ("INTEGER", "REAL") else "")
        keys = list(values)
        db.execute(f"INSERT INTO Sources ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})", [values[k] for k in keys])
        row = db.execute("SELECT Id FROM Sources WHERE Title = 'Probe: one million lines'").fetchone()
source = row[0]
print(f"one source of {lines:,} lines ({len(text) / 1e6:.1f} MB), id {source}")

rss, peak = memory()
print(f"app memory before: {rss:.0f} MB (peak so far {peak:.0f} MB)")
status, size, seconds, _ = get(f"/sources/{source}")
print(f"GET /sources/{source}: status {status}, {size / 1e3:.0f} KB, {seconds:.2f} s")
with concurrent.futures.ThreadPoolExecutor(16) as pool:
    t0 = time.time()
    runs = list(pool.map(lambda n: get(f"/sources/{source}?page={n}"), range(1, 17)))
print(f"16 readers at once (pages 1-16): statuses {sorted({r[0] for r in runs})}, largest {max(r[1] for r in runs) / 1e3:.0f} KB, "
      f"all done in {time.time() - t0:.1f} s")
rss, peak = memory()
print(f"app memory after: {rss:.0f} MB (peak {peak:.0f} MB)")
status, size, seconds, body = get(f"/sources/{source}/text")
print(f"GET /sources/{source}/text: status {status}, {size / 1e6:.1f} MB, {seconds:.2f} s, equals the text: {body.decode() == text}")
rss, peak = memory()
print(f"app memory after the download: {rss:.0f} MB (peak {peak:.0f} MB)")
