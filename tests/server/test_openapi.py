"""The published OpenAPI schema: committed copy in sync, every JSON answer conforms, and fuzzing
every endpoint from the schema (schemathesis) finds no 5xx and no non-JSON error."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path

import pytest

from qkatlas.server import openapi
from tests.server.conftest import make_client

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "web" / "openapi.json"
EXAMPLES_PER_OPERATION = 20  # x 2 modes x 16 operations: ~500 requests, well under a minute


def test_committed_schema_is_current():
    """web/openapi.json (the front end's types come from it) is what the server publishes."""
    assert COMMITTED.is_file(), "web/openapi.json missing: python -m qkatlas.server.openapi > web/openapi.json"
    assert COMMITTED.read_text() == openapi.text(), (
        "web/openapi.json is out of date: run `python -m qkatlas.server.openapi > web/openapi.json`")


def test_schema_is_served_at_both_urls_and_documents_every_endpoint(client):
    a, b = client.get("/openapi.json"), client.get("/api/openapi.json")
    assert a.status_code == b.status_code == 200 and a.json() == b.json()
    spec = a.json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    expected = {"/api/atlases", "/api/atlas/{aid}", "/api/atlas/{aid}/head", "/api/atlas/{aid}/tokens",
                "/api/atlas/{aid}/sequences", "/api/atlas/{aid}/sample", "/api/atlas/{aid}/layout/{name}",
                "/api/atlas/{aid}/norms", "/api/atlas/{aid}/attention", "/api/atlas/{aid}/search",
                "/api/atlas/{aid}/heads", "/api/atlas/{aid}/similar", "/api/atlas/{aid}/aggregate",
                "/api/atlas/{aid}/fidelity", "/api/atlas/{aid}/thumbnails.png", "/api/atlas/{aid}/image/{seq}",
                "/api/atlas/{aid}/components", "/api/atlas/{aid}/contributions", "/api/atlas/{aid}/component-scores",
                "/api/atlas/{aid}/top-sequences", "/api/atlas/{aid}/value-norms", "/api/compare"}
    assert set(paths) == expected
    comps = spec["components"]["schemas"]
    for path, item in paths.items():
        op = item["get"]
        ok = op["responses"]["200"]["content"]
        if "application/json" in ok:
            assert ok["application/json"]["schema"]["$ref"].startswith("#/components/schemas/"), path
        elif "application/octet-stream" in ok:
            assert op["responses"]["200"]["x-qkb1-meta"] in comps, path  # the binary meta is documented too
        else:
            assert "image/png" in ok, path
        for status in ("400", "404", "413", "503"):
            assert op["responses"][status]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
        assert "422" not in op["responses"]


# ---- fuzzing ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fuzz_target(minilm_atlas, dinov2_atlas):
    """The app (Host 'testserver' allowed: the fuzzer's) and its schema, with atlas ids and layout
    names drawn mostly from real ones so that requests reach the data, not only the 404 path."""
    import schemathesis

    c = make_client([minilm_atlas, dinov2_atlas], allowed_hosts=["testserver"])
    spec = copy.deepcopy(c.app.openapi())
    for item in spec["paths"].values():
        for p in item["get"].get("parameters", []):
            if p["name"] == "aid":
                p["schema"] = {"type": "string", "enum": ["minilm", "dinov2", "nope"]}
            if p["name"] == "name":
                p["schema"] = {"type": "string", "enum": ["pca-2d", "pca-3d", "tsne-2d", "x"]}
    schema = schemathesis.openapi.from_dict(spec)
    schema.app = c.app
    return schema


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_fuzz_every_endpoint_no_5xx_and_json_errors(fuzz_target, mode):
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode

    failures, counts = [], {}
    t0 = time.perf_counter()
    for result in fuzz_target.get_all_operations():
        op = result.ok()
        try:
            strategy = op.as_strategy(generation_mode=GenerationMode(mode))
        except Exception:  # an operation with nothing to make invalid
            continue

        @given(case=strategy)
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            r = case.call()
            counts[r.status_code] = counts.get(r.status_code, 0) + 1
            where = f"{case.method} {case.formatted_path} {case.query}"
            if r.status_code >= 500:
                failures.append(f"{r.status_code} {where}: {r.text[:200]}")
            if r.status_code >= 400:
                try:
                    body = json.loads(r.content)
                    assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"]
                except (ValueError, AssertionError, TypeError):
                    failures.append(f"non-JSON error {r.status_code} {where}: {r.content[:200]!r}")

        try:
            run()
        except Unsatisfiable:  # negative mode: an operation without parameters cannot be made invalid
            assert mode == "negative" and not op.path_parameters and not op.query
    assert not failures, "\n".join(failures[:20])
    assert sum(counts.values()) >= 100 and time.perf_counter() - t0 < 120
    if mode == "positive":
        assert counts.get(200, 0) > 20  # the fuzzer reached real data, not only errors
    print(f"{mode}: {sum(counts.values())} requests, statuses {dict(sorted(counts.items()))}")
