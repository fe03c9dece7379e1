"""What `qkatlas info` prints: the manifest's essentials, sizes on disk, layouts, their fidelity
and geometry (both: a layout that buys fidelity by losing neighbourhoods shows it here)."""

from __future__ import annotations

from pathlib import Path

from qkatlas.atlas.reader import Atlas


def summary(path) -> dict:
    atlas = Atlas.open(path)
    m = atlas.manifest
    size = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
    fid = atlas.fidelity()
    fidelity = {}
    if len(fid):
        for name, group in fid.groupby("layout"):
            fidelity[name] = {"mean": round(float(group["fidelity"].mean()), 4), "min": round(float(group["fidelity"].min()), 4)}
            geo = group["geometry"].dropna()
            if len(geo):
                fidelity[name]["geometry"] = round(float(geo.mean()), 4)
    return {
        "path": str(path),
        "format_version": m["format_version"],
        "model": {k: v for k, v in m["model"].items() if k not in ("kv_head_of", "scales")},
        "corpus": m["corpus"],
        "n_heads_total": len(atlas.heads),
        "points_per_head": 2 * atlas.n_tokens,
        "bytes_on_disk": size,
        "layouts": {name: {k: v for k, v in info.items() if k != "params"} for name, info in m.get("layouts", {}).items()},
        "fidelity": fidelity,
        "timings": m.get("timings", {}),
        "versions": m.get("versions", {}),
    }


def summary_text(s: dict) -> str:
    mo, co = s["model"], s["corpus"]
    gqa = f", {mo['n_kv_heads']} key heads (grouped-query)" if mo["n_kv_heads"] != mo["n_heads"] else ""
    lines = [
        f"atlas     {s['path']}  (format v{s['format_version']}, {s['bytes_on_disk'] / 1e6:.1f} MB)",
        f"model     {mo['name']}  [{mo['family']}/{mo['model_type']}, {mo['kind']}]  "
        f"{mo['n_layers']} layers x {mo['n_heads']} heads{gqa}, d_head {mo['d_head']}",
        f"corpus    {co['name']}  {co['n_sequences']} sequences, {co['n_tokens']} tokens "
        f"({s['points_per_head']} points per head), sha256 {co['sha256'][:12]}",
    ]
    if co.get("n_truncated"):
        lines.append(f"          {co['n_truncated']} sequences truncated to the length limit")
    if co.get("skipped"):
        lines.append(f"          {len(co['skipped'])} inputs skipped (unreadable): " + ", ".join(p for p, _ in co["skipped"][:5]))
    if s["layouts"]:
        for name, info in s["layouts"].items():
            state = "complete" if info.get("complete") else "incomplete"
            fid = s["fidelity"].get(name)
            fid_text = f"  fidelity mean {fid['mean']:.3f} (min {fid['min']:.3f})" if fid else ""
            if fid and "geometry" in fid:
                fid_text += f", geometry mean {fid['geometry']:.3f}"
            lines.append(f"layout    {name:<9} {state}{fid_text}")
    else:
        lines.append("layout    none (add with `qkatlas layout`)")
    if "original" in s["fidelity"]:
        lines.append(f"ceiling   fidelity in the original space: mean {s['fidelity']['original']['mean']:.3f}")
    t = s.get("timings", {})
    if t:
        lines.append("timings   " + ", ".join(f"{k} {v:.1f}s" for k, v in t.items() if isinstance(v, (int, float))))
    return "\n".join(lines)
