"""Load benchmark of the explorer server: throughput and latency at 1, 16 and 64 concurrent clients,
with every answer checked, while `qkatlas layout` computes a new layout of the same atlas.

    python benchmarks/load.py [--sequences 120] [--requests 4000] [--seconds 20] [--levels 1,16,64]

1. Builds (once, cached under benchmarks/results/) a demo:minilm atlas over N sentences of
   demo:wiki with a PCA 2-D layout (``qkatlas.capture.run.capture`` + ``compute_layouts``).
2. Serves it with `qkatlas serve` in its own process on 127.0.0.1 and records the expected answer
   of every request of the workload from the atlas itself (``Atlas.coords``, ``Atlas.attention``,
   the token table), not from the server.
3. Starts `qkatlas layout ATLAS --layouts umap --seed S` in a subprocess (a new seed each run, so
   the layout is recomputed): the manifest changes while the load runs.
4. Per level, C client threads (one keep-alive httpx client each) run a mixed workload until
   --requests are done or --seconds have passed: 20% matrix loads (one layer of the PCA layout,
   as the explorer fetches it), 70% clicks (one token's attention row), 10% searches. Every
   answer must be 200 and equal the expected one; a 503 ("try again") is retried and counted.
5. Prints throughput and p50/p99 per level, errors, retries, the layout's progress as the server
   reported it, and whether the new layout was served once committed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SEARCH_WORDS = ["the", "of", "and", "in", "was", "is", "a", "to", "by", "first", "world", "war", "city", "river"]
sys.path.insert(0, str(ROOT / "benchmarks"))

from explorer import free_port, start_server  # noqa: E402  (the same server start as the explorer benchmark)


def build_atlas(n_sequences: int) -> Path:
    from qkatlas.atlas.reader import Atlas
    from qkatlas.capture.run import capture
    from qkatlas.layout.run import compute_layouts

    out = RESULTS / f"load-atlas-minilm-wiki{n_sequences}"
    quiet = lambda *a, **k: None  # noqa: E731
    if not (out / "manifest.json").is_file():
        print(f"building {out} ...", flush=True)
        capture("demo:minilm", "demo:wiki", out, max_sequences=n_sequences, progress=False, log=quiet)
    if ("pca", 2) not in Atlas.open(out).layouts:
        compute_layouts(out, ["pca"], [2], workers=1, progress=False, log=quiet)
    return out


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


# ---- the workload and its expected answers ---------------------------------------------------------
class Workload:
    """Requests with their expected answers, computed from the atlas (not from the server)."""

    def __init__(self, atlas_path: Path, aid: str, seed: int = 0):
        from qkatlas.atlas.reader import Atlas
        from qkatlas.server import wire

        self.wire = wire
        a = Atlas.open(atlas_path)
        rng = np.random.default_rng(seed)
        base = f"/api/atlas/{aid}"
        self.matrix = [(f"{base}/layout/pca-2d?layer={l}", ("layout", l)) for l in range(a.n_layers)]
        self.expected_layout = {}
        for l in range(a.n_layers):
            self.expected_layout[l] = [a.coords(l, h, "pca", 2) for h in range(a.n_heads)]
        self.clicks = []
        self.expected_click = {}
        for _ in range(300):
            l, h, row = int(rng.integers(a.n_layers)), int(rng.integers(a.n_heads)), int(rng.integers(a.n_tokens))
            s, pos = a.token_position(row)
            self.clicks.append((f"{base}/attention?layer={l}&head={h}&token={row}", ("click", (l, h, row))))
            self.expected_click[(l, h, row)] = a.attention(l, h, s, query=pos)
        tok = a.tokens["token"].str.strip().str.casefold()
        self.searches = [(f"{base}/search?q={w}", ("search", w)) for w in SEARCH_WORDS]
        self.expected_search = {w: np.flatnonzero(tok.to_numpy() == w) for w in SEARCH_WORDS}
        self.n_layers, self.n_heads, self.n_tokens = a.n_layers, a.n_heads, a.n_tokens
        self.verified: set = set()

    def pick(self, rnd: random.Random):
        x = rnd.random()
        pool = self.matrix if x < 0.2 else self.clicks if x < 0.9 else self.searches
        return pool[rnd.randrange(len(pool))]

    def check(self, what, body: bytes) -> str | None:
        """None when ``body`` is the right answer, else what is wrong. A body identical to one
        already verified for the same request is not decoded again (keeps the client's CPU low)."""
        digest = (what, hashlib.sha1(body).digest())
        if digest in self.verified:
            return None
        problem = self._check(what, body)
        if problem is None:
            self.verified.add(digest)
        return problem

    def _check(self, what, body: bytes) -> str | None:
        kind, key = what
        meta, arrays = self.wire.unpack(body)
        if kind == "layout":
            coords, bounds = arrays["coords"], arrays["bounds"]
            for h, expect in enumerate(self.expected_layout[key]):
                back = self.wire.dequantize(coords[h], bounds[h])
                span = np.maximum(bounds[h, :, 1] - bounds[h, :, 0], 1e-12)
                if not np.all(np.abs(back - expect) <= span / 65535 * 0.51 + 1e-6):
                    return f"layout layer {key} head {h}: coordinates differ"
            return None
        if kind == "click":
            if not np.allclose(arrays["attention"], self.expected_click[key], atol=1e-6):
                return f"attention {key}: weights differ"
            return None
        if not np.array_equal(arrays["rows"], self.expected_search[key]):
            return f"search {key!r}: rows differ"
        return None


def run_level(base: str, work: Workload, clients: int, n_requests: int, seconds: float) -> dict:
    import httpx

    lat: list[float] = []
    errors: list[str] = []
    retries = [0]
    lock = threading.Lock()
    counter = [0]
    deadline = time.perf_counter() + seconds

    def client(i: int) -> None:
        rnd = random.Random(1000 * clients + i)
        with httpx.Client(base_url=base, timeout=60) as c:
            while True:
                with lock:
                    if counter[0] >= n_requests or time.perf_counter() > deadline:
                        return
                    counter[0] += 1
                url, what = work.pick(rnd)
                t0 = time.perf_counter()
                for attempt in range(5):
                    try:
                        r = c.get(url)
                    except httpx.HTTPError as e:
                        r, err = None, f"{type(e).__name__}: {e}"
                    if r is not None and r.status_code == 503:  # the atlas changed under the request: retry
                        with lock:
                            retries[0] += 1
                        time.sleep(0.05)
                        continue
                    break
                dt = time.perf_counter() - t0
                if r is None:
                    problem = err
                elif r.status_code != 200:
                    problem = f"{r.status_code} {url}: {r.text[:120]}"
                else:
                    problem = work.check(what, r.content)
                with lock:
                    lat.append(dt)
                    if problem:
                        errors.append(problem)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - t0
    ms = np.array(lat) * 1000
    return {"clients": clients, "requests": len(lat), "seconds": wall, "rps": len(lat) / wall if wall else 0.0,
            "p50": float(np.percentile(ms, 50)) if len(ms) else float("nan"),
            "p99": float(np.percentile(ms, 99)) if len(ms) else float("nan"),
            "errors": errors, "retries": retries[0]}


def watch_progress(base: str, aid: str, stop_event: threading.Event, seen: list) -> None:
    import httpx

    with httpx.Client(base_url=base, timeout=30) as c:
        while not stop_event.is_set():
            try:
                info = c.get(f"/api/atlas/{aid}").json()
                p = {x["name"]: x for x in info.get("layout_progress", [])}.get("umap-2d")
                if p:
                    seen.append((time.time(), p["heads_done"], p["heads_total"], p["complete"]))
            except (httpx.HTTPError, ValueError):
                pass
            stop_event.wait(1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sequences", type=int, default=120)
    ap.add_argument("--requests", type=int, default=4000, help="requests per level (at most)")
    ap.add_argument("--seconds", type=float, default=20, help="time per level (at most)")
    ap.add_argument("--levels", default="1,16,64")
    ap.add_argument("--layout-wait", type=float, default=300, help="seconds to wait for the concurrent layout to commit")
    args = ap.parse_args()
    os.environ.setdefault("NUMBA_CACHE_DIR", str(ROOT / ".numba_cache"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    import httpx

    atlas = build_atlas(args.sequences)
    port = free_port()
    server = start_server(atlas, port)
    base = f"http://127.0.0.1:{port}"
    layout_proc = None
    try:
        aid = httpx.get(f"{base}/api/atlases").json()["atlases"][0]["id"]
        work = Workload(atlas, aid)
        print(f"atlas {aid}: {work.n_layers} x {work.n_heads} heads, {work.n_tokens} tokens; "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
        with httpx.Client(base_url=base) as c:  # warm the server's caches once
            for url, _ in work.matrix + work.searches + work.clicks[:5]:
                c.get(url).raise_for_status()

        seed = int(time.time()) % 100000
        cmd = [sys.executable, "-m", "qkatlas.cli", "layout", str(atlas), "--layouts", "umap", "--dims", "2",
               "--seed", str(seed), "--workers", "1", "-q"]
        layout_proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        print(f"concurrent: qkatlas layout {atlas.name} --layouts umap --dims 2 --seed {seed} --workers 1 (pid {layout_proc.pid})")
        stop_event, seen = threading.Event(), []
        watcher = threading.Thread(target=watch_progress, args=(base, aid, stop_event, seen), daemon=True)
        watcher.start()

        print(f"\n{'clients':>7} {'requests':>8} {'seconds':>7} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'503 retried':>11}")
        results = []
        for level in [int(x) for x in args.levels.split(",")]:
            r = run_level(base, work, level, args.requests, args.seconds)
            results.append(r)
            print(f"{r['clients']:>7} {r['requests']:>8} {r['seconds']:>7.1f} {r['rps']:>7.1f} {r['p50']:>8.1f} "
                  f"{r['p99']:>8.1f} {len(r['errors']):>6} {r['retries']:>11}", flush=True)
            for e in r["errors"][:5]:
                print(f"        error: {e}")

        running = layout_proc.poll() is None
        print(f"\nlayout during the load: {'still running' if running else 'finished'}; progress seen by the server: "
              + (", ".join(f"{d}/{t}" for _, d, t, _ in seen[:: max(1, len(seen) // 8)]) if seen else "none"))
        t_end = time.time() + args.layout_wait
        while layout_proc.poll() is None and time.time() < t_end:
            time.sleep(1)
        committed = False
        if layout_proc.poll() is None:
            print(f"layout not finished after {args.layout_wait:.0f} s more; stopping it (it resumes when run again)")
            stop(layout_proc)
        elif layout_proc.returncode != 0:
            print(f"layout failed: {layout_proc.stderr.read()[-500:]}")
        else:
            from qkatlas.atlas.reader import Atlas
            from qkatlas.server import wire

            names = [l["name"] for l in httpx.get(f"{base}/api/atlas/{aid}").json()["layouts"]]
            a = Atlas.open(atlas)
            meta, arrays = wire.unpack(httpx.get(f"{base}/api/atlas/{aid}/layout/umap-2d?layer=1&head=2").content)
            back = wire.dequantize(arrays["coords"][0], arrays["bounds"][0])
            span = arrays["bounds"][0, :, 1] - arrays["bounds"][0, :, 0]
            committed = "umap-2d" in names and bool(np.all(np.abs(back - a.coords(1, 2, "umap", 2)) <= span / 65535 * 0.51 + 1e-6))
            print(f"layout committed: umap-2d listed {'umap-2d' in names}, served coordinates equal the new files: {committed}")
        stop_event.set()

        total_errors = sum(len(r["errors"]) for r in results)
        print("\nsummary: " + "; ".join(f"{r['clients']} clients {r['rps']:.0f} req/s p50 {r['p50']:.1f} ms p99 {r['p99']:.1f} ms"
                                        for r in results) + f"; wrong or failed answers: {total_errors}")
        digest = hashlib.sha256(repr([(r["clients"], r["requests"]) for r in results]).encode()).hexdigest()[:8]
        print(f"(run {digest}; the machine is shared: compare levels within one run)")
        if total_errors:
            sys.exit(1)
    finally:
        if layout_proc is not None:
            stop(layout_proc)
        stop(server)


if __name__ == "__main__":
    main()
