#!/usr/bin/env python3
"""Kills the app (SIGKILL) while it creates a fresh SQLite database, then starts it again and waits
for /health: every killed start must leave a database that a later start opens (a stale
__EFMigrationsLock row is removed after 30 s, decision 0018). Prints each kill and a summary.

usage: migration-kill-probe.py APP_DLL WORK_FOLDER [KILLS=20] [PORT=5395]
(APP_DLL: a Release build, src/KnowledgeBase.Web/bin/Release/net10.0/KnowledgeBase.Web.dll)"""
import os, random, signal, sqlite3, subprocess, sys, time, urllib.request

dll, work = sys.argv[1], sys.argv[2]
kills = int(sys.argv[3]) if len(sys.argv) > 3 else 20
port = int(sys.argv[4]) if len(sys.argv) > 4 else 5395
db_path = os.path.join(work, "kb.db")
env = dict(os.environ,
           ConnectionStrings__KnowledgeBase=f"Data Source={db_path}",
           KnowledgeBase__DataFolder=work,
           KnowledgeBase__ImportSeedsOnFirstRun="false",
           KnowledgeBase__FillEmbeddingsOnStart="false")
random.seed(15)


def start(log):
    return subprocess.Popen(["dotnet", dll, "--urls", f"http://127.0.0.1:{port}"], env=env, cwd=os.path.dirname(dll),
                            stdout=log, stderr=subprocess.STDOUT)


def healthy():
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
            return r.status == 200
    except Exception:
        return False


def lock_rows():
    try:
        with sqlite3.connect(db_path, timeout=1) as c:
            return c.execute("SELECT COUNT(*) FROM __EFMigrationsLock").fetchone()[0]
    except sqlite3.Error:
        return "-"


def applied():
    try:
        with sqlite3.connect(db_path, timeout=1) as c:
            return c.execute("SELECT COUNT(*) FROM __EFMigrationsHistory").fetchone()[0]
    except sqlite3.Error:
        return 0


os.makedirs(work, exist_ok=True)
results = []
for i in range(1, kills + 1):
    for f in os.listdir(work):
        if f.startswith("kb.db"):
            os.remove(os.path.join(work, f))
    log_path = os.path.join(work, f"start-{i}.log")
    with open(log_path, "w") as log:
        app = start(log)
        # Wait for the migration to begin, then kill at a random moment of it.
        deadline = time.time() + 120
        while time.time() < deadline and "Applying" not in open(log_path).read():
            time.sleep(0.02)
        delay = random.uniform(0, 1.5)
        time.sleep(delay)
        app.send_signal(signal.SIGKILL)
        app.wait()
    left, done = lock_rows(), applied()
    with open(log_path, "a") as log:
        t0 = time.time()
        app = start(log)
        ok = False
        while time.time() - t0 < 180 and app.poll() is None:
            if healthy():
                ok = True
                break
            time.sleep(0.2)
        seconds = time.time() - t0
        app.send_signal(signal.SIGTERM)
        app.wait()
    results.append((ok, left, seconds))
    print(f"kill {i:2}: {delay * 1000:5.0f} ms into migrating, {done} migration(s) recorded, lock rows left {left}; "
          f"restart {'healthy' if ok else 'NOT HEALTHY'} in {seconds:.1f} s", flush=True)

stale = sum(1 for _, left, _ in results if left not in (0, "-"))
print(f"{kills} kills: {stale} left a migration lock behind; {sum(ok for ok, _, _ in results)} of {kills} restarts answered /health "
      f"(slowest {max(s for _, _, s in results):.1f} s)")
