"""A throwaway PostgreSQL server for tests, from Debian's packages (`apt-get install -y postgresql`)."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile

from .servers import free_port


def pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return os.path.dirname(found[-1]) if found else None


class TempPostgres:
    def __init__(self):
        self.bin = pg_bin()
        self.dir = tempfile.mkdtemp(prefix="lor-pg-", dir="/tmp")
        self.port = free_port()
        as_postgres: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            as_postgres = ["runuser", "-u", "postgres", "--"]
        self.as_postgres = as_postgres
        self._run("initdb", "-D", self.dir, "-A", "trust", "-U", "postgres", "--no-sync")
        self._run("pg_ctl", "-D", self.dir, "-l", f"{self.dir}/log", "-w", "start",
                  "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.as_postgres, f"{self.bin}/{tool}", *args], check=True, capture_output=True, timeout=60)

    def pause(self) -> None:
        """Stop the server, keeping its data: an outage."""
        self._run("pg_ctl", "-D", self.dir, "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        self._run("pg_ctl", "-D", self.dir, "-l", f"{self.dir}/log", "-w", "start",
                  "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", self.dir, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
