"""Two stateless dashboard instances share sessions through PostgreSQL: sign in on one,
keep working on the other, sign out on the second and the first sees it."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import requests

from .servers import ROOT, free_port, wait_for


@pytest.fixture
def two_instances(postgres, sandbox_server):
    env = {**os.environ, "DATABASE_URL": postgres.url, "LOR_BASE_URL": sandbox_server.url, "HOST": "127.0.0.1",
           "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "4", "LOG_LEVEL": "WARNING"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    servers, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lor_dashboard.wsgi:application"],
                                      cwd=ROOT, env={**env, "PORT": str(port)})
            servers.append(server)
            urls.append(f"http://127.0.0.1:{port}")
            wait_for(f"{urls[-1]}/healthz", server)
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=15)


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class ScaleOutTests:
    def test_sign_in_on_one_work_on_the_other_sign_out_on_the_second(self, two_instances):
        first, second = two_instances
        browser = requests.Session()
        form = browser.get(f"{first}/signin/", timeout=10).text
        signed = browser.post(f"{first}/signin/", data={"session_id": "demo-teacher", "csrfmiddlewaretoken": csrf_token(form)},
                              headers={"Referer": f"{first}/signin/"}, timeout=10)
        assert "María Hernández" in signed.text
        # Cookies are per host name, not per port: the same browser talks to both instances.
        on_second = browser.get(f"{second}/favorites/", timeout=10)
        assert on_second.url == f"{second}/favorites/"
        assert "9 favorites." in on_second.text
        old_cookie = browser.cookies.get("sessionid")
        out = browser.post(f"{second}/signout/", data={"csrfmiddlewaretoken": csrf_token(on_second.text)},
                           headers={"Referer": f"{second}/favorites/"}, timeout=10)
        assert out.url == f"{second}/signin/"
        back_on_first = browser.get(f"{first}/favorites/", timeout=10, allow_redirects=False)
        assert back_on_first.status_code == 302
        assert back_on_first.headers["Location"].startswith("/signin/")
        # Even the old cookie is dead everywhere: the session is gone from the shared store.
        stale = requests.get(f"{first}/favorites/", cookies={"sessionid": old_cookie}, timeout=10, allow_redirects=False)
        assert stale.status_code == 302
