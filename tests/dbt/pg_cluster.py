"""A throwaway PostgreSQL 15 cluster for tests: initdb into a temp dir, start on a free port, stop.

PostgreSQL refuses to run as root, so when the tests run as root (CI) the server runs as the
`postgres` OS user (created by the postgresql-15 package) through `su`; otherwise as the current user.
"""
from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PG_BIN_CANDIDATES = (Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin"),
                     Path("/usr/lib/postgresql/17/bin"))
SUPERUSER = "kommunedata"


def find_pg_bin() -> Path | None:
    for candidate in PG_BIN_CANDIDATES:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgCluster:
    bin_dir: Path
    root: Path
    port: int
    run_as: str | None  # OS user to run the server as when we are root

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["su", self.run_as, "-s", "/bin/sh", "-c", shlex.join(cmd)]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.run_as:
            shutil.chown(self.root, user=self.run_as)
            os.chmod(self.root, 0o700)
        init = self._run("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust",
                         "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr or init.stdout}")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off " \
                  f"-c synchronous_commit=off -c full_page_writes=off"
        start = self._run("pg_ctl", "-D", str(self.data_dir), "-o", options, "-l", str(self.log_file),
                          "-w", "-t", "60", "start")
        if start.returncode != 0:
            log = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {start.stderr or start.stdout}\n{log}")
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        import psycopg2

        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg2.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres").close()
                return
            except psycopg2.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def create_database(self, name: str) -> None:
        import psycopg2

        con = psycopg2.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres")
        try:
            con.autocommit = True
            with con.cursor() as cur:
                cur.execute(f'create database "{name}"')
        finally:
            con.close()

    def stop(self) -> None:
        if self.data_dir.exists():
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop", timeout=60)
        shutil.rmtree(self.root.parent, ignore_errors=True)

    def env(self, dbname: str) -> dict[str, str]:
        """The KOMMUNEDATA_PG_* settings profiles.yml and flows.postgres read."""
        return {"KOMMUNEDATA_PG_HOST": "127.0.0.1", "KOMMUNEDATA_PG_PORT": str(self.port),
                "KOMMUNEDATA_PG_USER": SUPERUSER, "KOMMUNEDATA_PG_PASSWORD": "",
                "KOMMUNEDATA_PG_DBNAME": dbname}


def new_cluster() -> PgCluster:
    """A cluster object (not started) in a fresh temp dir that the server user can reach."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL server binaries not found (apt-get install postgresql-15)")
    run_as = "postgres" if os.geteuid() == 0 else None
    # /tmp rather than pytest's tmp_path: the postgres user must be able to traverse every parent dir
    root = Path(tempfile.mkdtemp(prefix="kommunedata-pg-")) / "cluster"
    if run_as:
        os.chmod(root.parent, 0o755)
    return PgCluster(bin_dir=bin_dir, root=root, port=free_port(), run_as=run_as)
