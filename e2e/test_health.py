"""Liveness and readiness probes."""

import requests


def test_healthz_and_readyz(server):
    for path in ("/healthz", "/readyz"):
        r = requests.get(server.url(path), timeout=10)
        assert r.status_code == 200, f"GET {path}: HTTP {r.status_code}: {r.text[:300]}"
