#!/usr/bin/env python3
"""Sends malformed multipart bodies to POST /import as a signed-in editor (antiforgery satisfied: the
token travels in the RequestVerificationToken header and as the first form field) and prints each
answer's status and message. Every case is a 4xx; 413 only for a body really over the limit.

usage: malformed-upload-probe.py BASE_URL EDITOR_EMAIL   (password in KNOWLEDGEBASE_PASSWORD)"""
import http.client, http.cookiejar, os, re, sys, urllib.parse, urllib.request
from html import unescape

base, email = sys.argv[1:3]
password = os.environ["KNOWLEDGEBASE_PASSWORD"]
jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def token(path):
    with opener.open(base + path) as r:
        return re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', r.read().decode()).group(1)


def sign_in():
    data = urllib.parse.urlencode({"Email": email, "Password": password, "__RequestVerificationToken": token("/account/login")}).encode()
    try:
        opener.open(base + "/account/login", data)
    except urllib.error.HTTPError as e:
        assert e.code == 302, e.code


def raw_post(content_type, body, chunked=False):
    u = urllib.parse.urlsplit(base)
    t = token("/import")
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    headers = {"Cookie": cookie, "RequestVerificationToken": t}
    if content_type:
        headers["Content-Type"] = content_type
    body = body.replace(b"TOKEN", t.encode())
    if chunked:
        conn.putrequest("POST", "/import")
        for k, v in headers.items():
            conn.putheader(k, v)
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        conn.send(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
    else:
        conn.request("POST", "/import", body, headers)
    r = conn.getresponse()
    page = r.read().decode("utf-8", "replace")
    m = re.search(r'class="form-errors"[^>]*>(.*?)</', page, re.S)
    message = unescape(re.sub(r"\s+", " ", m.group(1))).strip() if m else re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))[:120]
    return r.status, message


B = "kbprobe"
tok = f'--{B}\r\nContent-Disposition: form-data; name="__RequestVerificationToken"\r\n\r\nTOKEN\r\n'.encode()
part = f'--{B}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n'.encode()
article = b"A title\n\nThe clinic says 93% of patients improved.\n"
cases = [
    ("well-formed (control)", f"multipart/form-data; boundary={B}", tok + part + article + f"\r\n--{B}--\r\n".encode()),
    ("no boundary parameter", "multipart/form-data", tok + part + article + f"\r\n--{B}--\r\n".encode()),
    ("boundary not in the body", "multipart/form-data; boundary=other", tok + part + article + f"\r\n--{B}--\r\n".encode()),
    ("boundary over 70 characters", "multipart/form-data; boundary=" + "x" * 200, tok + part + article),
    ("empty boundary", 'multipart/form-data; boundary=""', tok + part + article),
    ("truncated part (no closing boundary)", f"multipart/form-data; boundary={B}", tok + part + article),
    ("truncated in the headers", f"multipart/form-data; boundary={B}", tok + f'--{B}\r\nContent-Dispo'.encode()),
    ("part without headers", f"multipart/form-data; boundary={B}", tok + f"--{B}\r\n\r\n".encode() + article + f"\r\n--{B}--\r\n".encode()),
    ("part without Content-Disposition", f"multipart/form-data; boundary={B}", tok + f"--{B}\r\nContent-Type: text/plain\r\n\r\n".encode() + article + f"\r\n--{B}--\r\n".encode()),
    ("a 200-character file name (accepted)", f"multipart/form-data; boundary={B}", tok + f'--{B}\r\nContent-Disposition: form-data; name="file"; filename="{"a" * 200}.txt"\r\n\r\n'.encode() + article + f"\r\n--{B}--\r\n".encode()),
    ("17 headers in a part", f"multipart/form-data; boundary={B}", tok + f"--{B}\r\n".encode() + b"".join(b"X-H%d: v\r\n" % i for i in range(17)) + b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n' + article + f"\r\n--{B}--\r\n".encode()),
    ("header without a colon", f"multipart/form-data; boundary={B}", tok + f"--{B}\r\nnonsense\r\n\r\n".encode() + article + f"\r\n--{B}--\r\n".encode()),
    ("empty body", f"multipart/form-data; boundary={B}", b""),
    ("garbage body", f"multipart/form-data; boundary={B}", b"\x00\xff" * 500),
    ("truncated part, chunked", f"multipart/form-data; boundary={B}", tok + part + article),
    ("12 MB file, chunked (really too large)", f"multipart/form-data; boundary={B}", tok + part + b"x" * (12 * 1024 * 1024) + f"\r\n--{B}--\r\n".encode()),
]

sign_in()
for name, ctype, body in cases:
    status, message = raw_post(ctype, body, chunked="chunked" in name)
    print(f"{status}  {name}: {message[:150]}")
