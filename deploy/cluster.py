"""`make cluster`: the production layout on one machine, from the repository's files.

PostgreSQL (the local server, a fresh database), Redis (one database number of the
local server), moto's standalone S3 server for media, an SMTP sink, two gunicorn
nodes with production settings, two ``db_worker``s, one ``run_scheduler`` and nginx
in front (``deploy/nginx.conf`` rendered with this run's ports: TLS with a
self-signed certificate, load balancing, the proxy cache and its purge endpoint).
The nodes reach PostgreSQL through a relay that can cut the line (a database
outage on demand). ``Cluster`` is a context manager the tests reuse
(tests/cluster/); ``python -m deploy.cluster`` runs it until Ctrl-C, and
``python -m deploy.cluster nginx-conf`` renders the nginx file for production.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import suppress
from pathlib import Path

from deploy.relay import SMTPSink, TCPRelay, free_port

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
NGINX_TEMPLATE = BASE_DIR / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
POSTGRES_URL = os.environ.get(
    "CLUSTER_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"
)
REDIS_URL = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/11")
BUCKET = "kulturmetropolen-media"
PUBLIC_MEDIA_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/media/*",
        }
    ],
}
SECRET_KEY = "cluster-only-secret-key-not-for-production-use-0123456789abcdef"


def render_nginx_conf(values: dict[str, str], template: Path = NGINX_TEMPLATE) -> str:
    """``deploy/nginx.conf`` with each ``{{name}}`` filled in; fails on a gap."""
    text = template.read_text()

    def value(match: re.Match) -> str:
        if match[1] not in values:
            raise KeyError(f"deploy/nginx.conf needs a value for {{{{{match[1]}}}}}")
        return str(values[match[1]])

    return re.sub(r"\{\{(\w+)\}\}", value, text)


def upstream_lines(addresses: list[str]) -> str:
    # A node that failed is left out for 5 s, then tried again by itself.
    return "\n".join(
        f"    server {address} max_fails=1 fail_timeout=5s;" for address in addresses
    )


def missing_requirements() -> str | None:
    """Why the cluster cannot run here, or None."""
    if not Path(NGINX).exists():
        return "nginx is missing (apt-get install nginx libnginx-mod-http-cache-purge)"
    if not PURGE_MODULE.exists():
        return "nginx's cache-purge module is missing (libnginx-mod-http-cache-purge)"
    if not shutil.which("openssl"):
        return "openssl is missing (apt-get install openssl)"
    try:
        import psycopg

        psycopg.connect(f"{POSTGRES_URL}/postgres", connect_timeout=3).close()
    except Exception as error:
        return f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}"
    return None


class Process:
    """One long-running child, logging to ``<run dir>/logs/<name>.log``."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], logs: Path):
        self.name, self.argv, self.env, self.log_path = name, argv, env, logs / name
        self.popen: subprocess.Popen | None = None

    def start(self) -> Process:
        log = self.log_path.with_suffix(".log").open("ab")
        self.popen = subprocess.Popen(
            self.argv,
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches the cluster, which stops us
        )
        log.close()
        return self

    @property
    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal(self, signum: int) -> None:
        if self.alive:
            with suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signum)

    def stop(self, timeout: float = 10) -> None:
        if not self.alive:
            return
        self.signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.popen.wait(timeout=5)

    def kill(self) -> None:
        """SIGKILL, as a machine or process dying would: no clean-up."""
        self.signal(signal.SIGKILL)
        if self.popen is not None:
            self.popen.wait(timeout=5)


class Cluster:
    """The whole layout; ``with Cluster() as cluster:`` starts and stops it."""

    def __init__(
        self,
        *,
        run_dir: Path = BASE_DIR / "var" / "cluster",
        redis_url: str = REDIS_URL,
        gunicorn_workers: int = 2,
        scheduler_interval: int = 60,
        extra_env: dict[str, str] | None = None,
    ):
        self.run_dir = run_dir
        self.redis_url = redis_url
        self.gunicorn_workers = gunicorn_workers
        self.scheduler_interval = scheduler_interval
        self.extra_env = extra_env or {}
        self.database = f"kulturmetropolen_cluster_{os.getpid()}_{int(time.time())}"
        self.https_port, self.http_port, self.purge_port = (free_port() for _ in "123")
        self.moto_port = free_port()
        self.search_hits_port = free_port()
        self.node_ports = {"a": free_port(), "b": free_port()}
        self.mail = SMTPSink(run_dir / "mail")
        host, port = POSTGRES_URL.rsplit("@", 1)[-1].rsplit(":", 1)
        self.database_relay = TCPRelay((host, int(port)))
        self.nodes: dict[str, Process] = {}
        self.workers: list[Process] = []
        self.schedulers: list[Process] = []
        self.search_counter: Process | None = None
        self.moto: Process | None = None
        self.nginx: Process | None = None
        self.database_created = False
        #: Measurements the tests record, printed at the end of the session.
        self.figures: dict[str, dict] = {}

    # Addresses ---------------------------------------------------------------

    @property
    def public_url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def admin_url(self) -> str:
        return f"{self.public_url}/admin/"

    def node_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.node_ports[name]}"

    @property
    def logs(self) -> Path:
        return self.run_dir / "logs"

    @property
    def static_root(self) -> Path:
        return BASE_DIR / "var" / "static"

    # Environment -------------------------------------------------------------

    def environment(self, *, through_relay: bool = False) -> dict[str, str]:
        """The environment of every process: production settings, this run's
        database, Redis, object store, mail server and cache in front."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST"))
        }
        origins = [
            f"https://{host}:{self.https_port}" for host in ("127.0.0.1", "localhost")
        ]
        database_host = (
            f"127.0.0.1:{self.database_relay.port}"
            if through_relay
            else POSTGRES_URL.rsplit("@", 1)[-1]
        )
        user = POSTGRES_URL.split("//", 1)[1].rsplit("@", 1)[0]
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=SECRET_KEY,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CSRF_TRUSTED_ORIGINS=",".join(origins),
            SECURE_HSTS_SECONDS="0",  # a self-signed certificate on localhost
            WAGTAILADMIN_BASE_URL=self.public_url,
            DATABASE_URL=f"postgres://{user}@{database_host}/{self.database}",
            CONN_MAX_AGE="60",
            CACHE_URL=self.redis_url,
            EMAIL_URL=f"smtp://127.0.0.1:{self.mail.port}",
            FRONTEND_CACHE_PURGE_URL=f"http://127.0.0.1:{self.purge_port}",
            # nginx counts every search (count_searches): search pages are cached.
            SEARCH_HITS_COUNTED_IN_FRONT="1",
            MEDIA_S3_BUCKET=BUCKET,
            MEDIA_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.moto_port}",
            MEDIA_S3_REGION="us-east-1",
            # Media addresses point at nginx, which serves them from the bucket.
            MEDIA_S3_CUSTOM_DOMAIN=f"127.0.0.1:{self.https_port}",
            AWS_ACCESS_KEY_ID="cluster",
            AWS_SECRET_ACCESS_KEY="cluster",  # noqa: S106 (moto accepts any)
            LOG_LEVEL="WARNING",
        )
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, check: bool = True) -> str:
        """Runs ``manage.py`` against the cluster's database; returns its output."""
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.environment(),
            capture_output=True,
            text=True,
        )
        if check and result.returncode:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}"
            )
        return result.stdout

    # Life cycle --------------------------------------------------------------

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        reason = missing_requirements()
        if reason:
            raise RuntimeError(reason)
        if self.run_dir.exists():
            shutil.rmtree(self.run_dir)
        for directory in ("logs", "nginx-cache", "nginx-temp", "mail"):
            (self.run_dir / directory).mkdir(parents=True, exist_ok=True)
        self._flush_redis()
        self._create_database()
        self.mail.start()
        self.database_relay.start()
        self._start_object_store()
        self.manage("migrate", "--no-input", "-v0")
        self.manage("collectstatic", "--no-input", "-v0")
        self.manage("load_demo_content", "--force")
        for name in self.node_ports:
            self.start_node(name)
        for _ in range(2):
            self.start_worker()
        self.start_scheduler()
        self.search_counter = Process(
            "count-searches",
            [
                PYTHON,
                "manage.py",
                "count_searches",
                f"--listen=127.0.0.1:{self.search_hits_port}",
                "--interval=1",
            ],
            self.environment(),
            self.logs,
        ).start()
        self._start_nginx()
        for name in self.node_ports:
            self.wait_until_up(name)
        self._wait_for(lambda: self._answers(f"{self.public_url}/healthz"), "nginx")

    def stop(self) -> None:
        for process in [
            *([self.nginx] if self.nginx else []),
            *self.nodes.values(),
            *self.workers,
            *self.schedulers,
            *([self.search_counter] if self.search_counter else []),
            *([self.moto] if self.moto else []),
        ]:
            process.stop()
        self.database_relay.stop()
        self.mail.stop()
        if self.database_created:
            self._drop_database()
        self._flush_redis()

    # Parts -------------------------------------------------------------------

    def start_node(self, name: str) -> Process:
        """Starts (or restarts) gunicorn node ``name`` on its own port."""
        self.nodes[name] = Process(
            f"node-{name}",
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                f"--workers={self.gunicorn_workers}",
                f"--bind=127.0.0.1:{self.node_ports[name]}",
                "--log-level=warning",
                "--graceful-timeout=5",
            ],
            self.environment(through_relay=True),
            self.logs,
        ).start()
        return self.nodes[name]

    def start_worker(self) -> Process:
        worker = Process(
            f"worker-{len(self.workers) + 1}",
            [PYTHON, "manage.py", "db_worker", "--interval=0.5", "--no-startup-delay"],
            self.environment(),
            self.logs,
        ).start()
        self.workers.append(worker)
        return worker

    def start_scheduler(self) -> Process:
        scheduler = Process(
            f"scheduler-{len(self.schedulers) + 1}",
            [
                PYTHON,
                "manage.py",
                "run_scheduler",
                f"--interval={self.scheduler_interval}",
            ],
            self.environment(),
            self.logs,
        ).start()
        self.schedulers.append(scheduler)
        return scheduler

    def nginx_values(self) -> dict[str, str]:
        return {
            "cache_dir": str(self.run_dir / "nginx-cache"),
            "upstream_servers": upstream_lines(
                [f"127.0.0.1:{port}" for port in self.node_ports.values()]
            ),
            "https_port": str(self.https_port),
            "http_port": str(self.http_port),
            "https_port_suffix": f":{self.https_port}",
            "server_name": "127.0.0.1 localhost",
            "ssl_certificate": str(self.run_dir / "cert.pem"),
            "ssl_certificate_key": str(self.run_dir / "key.pem"),
            "static_root": str(self.static_root),
            # Media come from the object store: same origin, so the site's CSP holds.
            "media": f"        proxy_pass http://127.0.0.1:{self.moto_port}/{BUCKET}/media/;",
            "purge_listen": f"127.0.0.1:{self.purge_port}",
            "purge_allow": "        allow 127.0.0.1;",
            "search_hits_log": "syslog:server=127.0.0.1:"
            f"{self.search_hits_port},tag=kulturmetropolen,nohostname",
            "access_log": f"{self.logs / 'nginx-access.log'} timed",
        }

    def _start_nginx(self) -> None:
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-days", "7", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", str(self.run_dir / "key.pem"),
                "-out", str(self.run_dir / "cert.pem"),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
        site = render_nginx_conf(self.nginx_values())
        (self.run_dir / "kulturmetropolen.conf").write_text(site)
        temp = self.run_dir / "nginx-temp"
        user = "user root;\n" if os.geteuid() == 0 else ""
        (self.run_dir / "nginx.conf").write_text(
            f"load_module {PURGE_MODULE};\n{user}"
            "daemon off;\nworker_processes 2;\n"
            f"pid {self.run_dir / 'nginx.pid'};\n"
            f"error_log {self.logs / 'nginx-error.log'} warn;\n"
            "events { worker_connections 4096; }\n"
            "http {\n"
            "    include /etc/nginx/mime.types;\n"
            "    sendfile on;\n    tcp_nopush on;\n    keepalive_timeout 65;\n"
            "    keepalive_requests 100000;\n"
            "    log_format timed '$msec $status $request_time $upstream_response_time "
            '$upstream_cache_status $upstream_addr "$request"\';\n'
            f"    access_log {self.logs / 'nginx-access.log'} timed;\n"
            f"    client_body_temp_path {temp}/body;\n"
            f"    proxy_temp_path {temp}/proxy;\n"
            f"    fastcgi_temp_path {temp}/fastcgi;\n"
            f"    uwsgi_temp_path {temp}/uwsgi;\n"
            f"    scgi_temp_path {temp}/scgi;\n"
            f"    include {self.run_dir / 'kulturmetropolen.conf'};\n"
            "}\n"
        )
        self.nginx = Process(
            "nginx",
            [NGINX, "-c", str(self.run_dir / "nginx.conf"), "-p", str(self.run_dir)],
            self.environment(),
            self.logs,
        ).start()

    def _start_object_store(self) -> None:
        self.moto = Process(
            "moto",
            [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.moto_port)],
            self.environment(),
            self.logs,
        ).start()
        endpoint = f"http://127.0.0.1:{self.moto_port}"
        self._wait_for(lambda: self._answers(endpoint), "moto's S3 server")
        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster",  # noqa: S106
        )
        s3.create_bucket(Bucket=BUCKET)
        # Media are public (their URLs carry no signature): anyone may read them.
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_MEDIA_POLICY))

    def _postgres(self):
        import psycopg

        return psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True)

    def _create_database(self) -> None:
        with self._postgres() as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')
        self.database_created = True

    def _drop_database(self) -> None:
        with self._postgres() as connection:
            connection.execute(
                f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'
            )
        self.database_created = False

    def _flush_redis(self) -> None:
        import redis

        with suppress(redis.RedisError):
            redis.Redis.from_url(self.redis_url).flushdb()

    # Waiting -----------------------------------------------------------------

    def wait_until_up(self, name: str, timeout: float = 60) -> None:
        url = f"{self.node_url(name)}/healthz"
        self._wait_for(lambda: self._answers(url), f"node {name}", timeout)

    def _wait_for(self, ready, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready():
                return
            time.sleep(0.2)
        raise RuntimeError(f"{what} did not start; see {self.logs}")

    @staticmethod
    def _answers(url: str) -> bool:
        context = ssl._create_unverified_context()  # our self-signed certificate
        request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
        try:
            with urllib.request.urlopen(
                request, timeout=2, context=context
            ) as response:
                return response.status < 500
        except urllib.error.HTTPError as error:
            return error.code < 500
        except OSError:
            return False

    def summary(self) -> str:
        logins = self.manage("load_demo_content", "--print-logins")
        nodes = ", ".join(f"{name}: {self.node_url(name)}" for name in self.nodes)
        return (
            f"\n  Site:   {self.public_url}/   (English /en/, Swedish /sv/; "
            "a self-signed certificate)\n"
            f"  Admin:  {self.admin_url}\n"
            f"  Nodes:  {nodes} (behind nginx; direct access needs "
            "X-Forwarded-Proto: https)\n"
            f"  Media:  moto's S3 server at http://127.0.0.1:{self.moto_port}/{BUCKET}\n"
            f"  Mail:   every message in {self.mail.directory}\n"
            f"  Logs:   {self.logs}\n"
            f"  Database {self.database} (dropped on exit), Redis {self.redis_url}\n"
            f"{logins}"
        )


def command_line() -> argparse.ArgumentParser:
    """``python -m deploy.cluster [run | nginx-conf ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="start the cluster until Ctrl-C (the default)")
    render = commands.add_parser("nginx-conf", help="print deploy/nginx.conf rendered")
    render.add_argument(
        "--upstream", action="append", required=True, metavar="HOST:PORT"
    )
    render.add_argument("--server-name", default="kulturmetropolen.dk")
    render.add_argument("--cache-dir", default="/var/cache/nginx/kulturmetropolen")
    render.add_argument("--static-root", default="/srv/kulturmetropolen/var/static")
    render.add_argument("--media-root", default="/srv/kulturmetropolen/var/media")
    render.add_argument(
        "--media-bucket-url", help="serve /media/ from this bucket URL instead"
    )
    render.add_argument("--certificate-dir", default="/etc/ssl/kulturmetropolen")
    render.add_argument("--purge-listen", default="127.0.0.1:8080")
    render.add_argument(
        "--count-searches", default="127.0.0.1:5140", metavar="HOST:PORT",
        help="where manage.py count_searches listens (default 127.0.0.1:5140)",
    )  # fmt: skip
    render.add_argument("--access-log", default="/var/log/nginx/access.log")
    render.add_argument(
        "--purge-allow", action="append", default=None, metavar="ADDRESS",
        help="an application host allowed to purge (repeat; default 127.0.0.1)",
    )  # fmt: skip
    return parser


def production_nginx_conf(args: argparse.Namespace) -> str:
    """deploy/nginx.conf rendered for a production install from ``nginx-conf``'s
    arguments."""
    return render_nginx_conf(
        {
            "cache_dir": args.cache_dir,
            "upstream_servers": upstream_lines(args.upstream),
            "https_port": "443",
            "http_port": "80",
            "https_port_suffix": "",
            "server_name": args.server_name,
            "ssl_certificate": f"{args.certificate_dir}/fullchain.pem",
            "ssl_certificate_key": f"{args.certificate_dir}/privkey.pem",
            "static_root": args.static_root,
            "media": (
                f"        proxy_pass {args.media_bucket_url}/media/;"
                if args.media_bucket_url
                else f"        alias {args.media_root}/;"
            ),
            "purge_listen": args.purge_listen,
            "search_hits_log": f"syslog:server={args.count_searches},"
            "tag=kulturmetropolen,nohostname",
            "access_log": args.access_log,
            "purge_allow": "\n".join(
                f"        allow {address};"
                for address in args.purge_allow or ["127.0.0.1"]
            ),
        }
    )


def main(argv: list[str] | None = None) -> int:
    args = command_line().parse_args(argv)
    if args.command == "nginx-conf":
        print(production_nginx_conf(args), end="")
        return 0
    print(
        "Starting the cluster (PostgreSQL, Redis, S3, 2 nodes, 2 workers, a "
        "scheduler, a search counter, nginx)..."
    )
    stop = {"requested": False}

    def request_stop(signum, frame):
        stop["requested"] = True

    signal.signal(signal.SIGTERM, request_stop)
    with Cluster() as cluster:
        print(cluster.summary())
        print("  Ctrl-C stops everything.")
        try:
            while not stop["requested"]:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        print("\nStopping the cluster...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
