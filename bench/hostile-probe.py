#!/usr/bin/env python3
"""Re-runs two probes of docs/reliability.md ("Hostile and large input") against a running app on SQLite:

1. search on one article of 1,000,000 matching lines ("Fix ALS now."), written straight into the database
   file (the upload limit is 10 MB; the article is 13 MB) and indexed by the app's own triggers;
2. the preview of a 10,000-record RIS upload by one editor while another editor saves claims every 0.5 s.

usage: hostile-probe.py BASE_URL DATABASE_FILE UPLOADER_EMAIL SAVER_EMAIL
(both accounts are editors whose password is in KNOWLEDGEBASE_PASSWORD)"""
import http.cookiejar, os, sqlite3, sys, threading, time, urllib.error, urllib.parse, urllib.request, uuid
from html.parser import HTMLParser

base, db_path, uploader, saver = sys.argv[1:5]
password = os.environ["KNOWLEDGEBASE_PASSWORD"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Fields(HTMLParser):
    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields = action, False, {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        elif tag == "input" and a.get("name") and self.inside:
            self.fields.setdefault(a["name"], a.get("value") or "")


class Browser:
    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)

    def send(self, url, body=None, content_type=None, timeout=900):
        request = urllib.request.Request(base + url, body)
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with self.opener.open(request, timeout=timeout) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def form(self, url, action):
        _, page = self.send(url)
        p = Fields(action)
        p.feed(page)
        return p.fields

    def post(self, action, data):
        return self.send(action, urllib.parse.urlencode(data).encode(), "application/x-www-form-urlencoded")

    def sign_in(self, email):
        f = self.form("/account/login", "/account/login")
        status, _ = self.post("/account/login", {**f, "Email": email, "Password": password})
        if status != 302:
            sys.exit(f"sign-in of {email} failed with {status}")


def timed(browser, url):
    started = time.monotonic()
    status, page = browser.send(url)
    return status, time.monotonic() - started, page


# 1. Search on a 1,000,000-line article.
lines = 1_000_000
text = "Fix ALS now.\n" * lines
with sqlite3.connect(db_path, timeout=60) as db:
    columns = [r[1] for r in db.execute("PRAGMA table_info(Sources)")]
    if not db.execute("SELECT 1 FROM Sources WHERE Title = 'Probe: one million lines'").fetchone():
        values = {"Title": "Probe: one million lines", "OriginalText": text, "CleanedText": text,
                  "ContentHash": uuid.uuid4().hex, "FileName": "probe-million.txt", "ImportedAt": "2026-12-02 00:00:00"}
        required = [r for r in db.execute("PRAGMA table_info(Sources)") if r[3] and r[4] is None and r[5] == 0]
        for r in required:
            values.setdefault(r[1], 0 if r[2].upper() in ("INTEGER", "REAL") else "")
        keys = list(values)
        db.execute(f"INSERT INTO Sources ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})", [values[k] for k in keys])
print(f"search: one source of {lines:,} lines ({len(text) / 1e6:.1f} MB) matching 'fix'")
reader = Browser()
for url in ["/search?q=fix", "/search?q=fix&kind=sources", "/search?q=%22fix+als%22&kind=sources"]:
    runs = [timed(reader, url) for _ in range(3)]
    print(f"  GET {url}: status {sorted({r[0] for r in runs})}, seconds {', '.join(f'{r[1]:.2f}' for r in runs)}, "
          f"marked snippet: {'<mark>' in runs[-1][2].split('<main', 1)[-1]}")

# 2. A 10,000-record preview while another editor saves.
records = 10_000
ris = "".join(f"TY  - JOUR\nTI  - Probe report {i} {uuid.uuid4().hex[:8]}\nAU  - Prober, A\nPY  - 2021\n"
              f"JO  - Journal of Probes\nDO  - 10.5555/probe.{uuid.uuid4().hex}\nER  - \n\n" for i in range(records))
up, other = Browser(), Browser()
up.sign_in(uploader)
other.sign_in(saver)
with sqlite3.connect(db_path, timeout=60) as db:
    claims = [r[0] for r in db.execute("SELECT Id FROM Claims ORDER BY Id LIMIT 20")]
result = {}


def upload():
    f = up.form("/import", "/import")
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n"
            f"{f['__RequestVerificationToken']}\r\n--{boundary}\r\n"
            f"Content-Disposition: form-data; name=\"file\"; filename=\"probe.ris\"\r\nContent-Type: application/x-research-info-systems\r\n\r\n"
            f"{ris}\r\n--{boundary}--\r\n").encode()
    started = time.monotonic()
    status, page = up.send("/import", body, f"multipart/form-data; boundary={boundary}")
    result["upload"] = (status, time.monotonic() - started, "to add" in page)


thread = threading.Thread(target=upload)
thread.start()
saves, n = [], 0
while thread.is_alive():
    claim = claims[n % len(claims)]
    n += 1
    f = other.form(f"/claims/{claim}", f"/claims/{claim}/status")
    started = time.monotonic()
    status, _ = other.post(f"/claims/{claim}/status", {**f, "Status": "Confirmed" if n % 2 else "Candidate"})
    saves.append((status, time.monotonic() - started))
    time.sleep(0.5)
thread.join()
status, seconds, shown = result["upload"]
print(f"preview: {records:,} RIS records, status {status}, {seconds:.1f} s, plan shown: {shown}")
codes = {}
for s, _ in saves:
    codes[s] = codes.get(s, 0) + 1
print(f"  saves by another editor meanwhile: {len(saves)}, status codes {codes}, "
      f"slowest {max((t for _, t in saves), default=0):.2f} s")
