"""Peak memory of a command and its process tree, for the benchmarks that quote memory.

Why two numbers: ``wait4``'s ``ru_maxrss`` is the largest single process (the command or any of
its reaped workers), and a psutil sample every 0.2 s adds up the whole tree (worker processes,
Ray's included). Resident memory also counts file pages of memory-mapped atlas files, which the
kernel drops at will; the *anonymous* part (heap, arrays) is what bounded memory is about.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time


def _anon(pid: int) -> int:
    """Anonymous resident bytes of one process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[int, str, dict]:
    """Run ``cmd`` (stdout captured, stderr passed through); returns (exit code, stdout, figures):
    wall seconds, CPU seconds, peak_rss_process_mb, peak_rss_tree_mb, peak_anon_tree_mb."""
    import psutil

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    peak_tree = peak_anon = 0
    stop = threading.Event()

    def sample():
        nonlocal peak_tree, peak_anon
        try:
            root = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            total = total_anon = 0
            try:
                for p in [root] + root.children(recursive=True):
                    try:
                        total += p.memory_info().rss
                        total_anon += _anon(p.pid)
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            peak_tree, peak_anon = max(peak_tree, total), max(peak_anon, total_anon)
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t0 = time.perf_counter()
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    return code, stdout, {
        "wall": time.perf_counter() - t0,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_process_mb": usage.ru_maxrss / 1024,  # KiB on Linux
        "peak_rss_tree_mb": peak_tree / 1024**2,
        "peak_anon_tree_mb": peak_anon / 1024**2,
    }


def describe(r: dict) -> str:
    return (f"{r['peak_rss_process_mb']:.0f} MB in the largest process; process tree {r['peak_rss_tree_mb']:.0f} MB, "
            f"of which anonymous {r.get('peak_anon_tree_mb', float('nan')):.0f} MB (the rest: file pages of memory maps)")


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())
