#!/usr/bin/env python3
"""The editing client of bench/soak.sh: signs in, then at a steady rate records evidence on claims
(relation "no citation given" with a unique note) through the real claim form, as a browser would
(cookie, antiforgery token, version). Every acknowledged edit (a 302 back to the claim) is appended
to the log, so soak.sh can check afterwards that each one is in the database.

usage: soak-editor.py BASE_URL EMAIL CLAIM_IDS_FILE ACKED_LOG INTERVAL_SECONDS STOP_FILE
(the password comes from KNOWLEDGEBASE_PASSWORD; the loop ends when STOP_FILE exists)"""
import http.cookiejar, os, sys, time, urllib.error, urllib.parse, urllib.request
from html.parser import HTMLParser

base, email, ids_file, acked_path, interval, stop_file = sys.argv[1:7]
interval = float(interval)
password = os.environ["KNOWLEDGEBASE_PASSWORD"]
claim_ids = [line.strip() for line in open(ids_file) if line.strip()]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def send(url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(base + url, body, timeout=60) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


class FormFields(HTMLParser):
    """The hidden inputs of the form posting to `action` (and the first antiforgery token)."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields = action, False, {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        elif tag == "input" and a.get("name"):
            if self.inside or (a["name"] == "__RequestVerificationToken" and a["name"] not in self.fields):
                self.fields.setdefault(a["name"], a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def fields(html, action):
    p = FormFields(action)
    p.feed(html)
    return p.fields


status, page = send("/account/login")
token = fields(page, "/account/login")["__RequestVerificationToken"]
status, _ = send("/account/login", {"Email": email, "Password": password, "__RequestVerificationToken": token})
if status != 302:
    sys.exit(f"sign-in failed with {status}")

counts = {"acked": 0, "conflict": 0, "4xx": 0, "5xx": 0, "errors": 0}
n = 0
with open(acked_path, "a", buffering=1) as acked:
    while not os.path.exists(stop_file):
        started = time.monotonic()
        n += 1
        claim = claim_ids[n % len(claim_ids)]
        note = f"soak-edit-{n}"
        try:
            status, page = send(f"/claims/{claim}")
            if status >= 500:
                counts["5xx"] += 1
            else:
                form = fields(page, f"/claims/{claim}/links")
                form.update({"Target": "", "Relation": "NoCitationGiven", "Assessment": "", "Note": note})
                status, _ = send(f"/claims/{claim}/links", form)
                if status == 302:
                    counts["acked"] += 1
                    acked.write(f"{note}\t{claim}\n")
                elif status == 409:
                    counts["conflict"] += 1
                elif status >= 500:
                    counts["5xx"] += 1
                else:
                    counts["4xx"] += 1
        except OSError as e:
            counts["errors"] += 1
            print(f"edit {n}: {e}", file=sys.stderr)
        time.sleep(max(0.0, interval - (time.monotonic() - started)))

print("soak-editor " + " ".join(f"{k}={v}" for k, v in counts.items()))
