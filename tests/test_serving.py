"""Production serving: after collectstatic, the shipped server serves compressed, hashed static files
cached for a year."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import requests

from .servers import ROOT, SERVE, free_port, wait_for


class ProductionServingTests:
    def test_collected_static_files_are_compressed_and_cached_far_ahead(self, tmp_path, sandbox_server):
        port = free_port()
        env = {**os.environ, "DJANGO_STATIC_ROOT": str(tmp_path / "static"), "LOR_BASE_URL": sandbox_server.url,
               "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "HOST": "127.0.0.1", "PORT": str(port),
               "WEB_CONCURRENCY": "1", "DJANGO_STATIC_MANIFEST": "true"}
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
        server = subprocess.Popen(SERVE, cwd=ROOT, env=env)
        try:
            wait_for(f"http://127.0.0.1:{port}/healthz", server)
            page = requests.get(f"http://127.0.0.1:{port}/signin/", timeout=5).text
            css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page).group(1)
            js = re.search(r'src="(/static/django_htmx/htmx-2\.min\.[0-9a-f]{12}\.js)"', page).group(1)
            for path in (css, js):
                response = requests.get(f"http://127.0.0.1:{port}{path}", headers={"Accept-Encoding": "gzip"}, timeout=5)
                assert response.status_code == 200
                assert "max-age=315360000" in response.headers["Cache-Control"]
                assert response.headers.get("Content-Encoding") == "gzip"
        finally:
            server.terminate()
            server.wait(timeout=15)
