"""Load the site with wrk and report how close it comes to the real ceiling: `make bench`.

    python -m tools.bench [--sizes 1000,100000] [--fresh] ...

For each size N (1,000 and 100,000 news items by default) it seeds the
database (tools/bench/seed.py), then serves the site exactly as `make run` does
(gunicorn, WEB_CONCURRENCY workers), with the page cache, without it
(PAGE_CACHE=0) and with the page cache behind Varnish (deploy/varnish/, when
varnishd is installed), and loads with wrk, one after the other, each page
right after the ceiling: a bare Django app outside the site's stack
(tools/bench/bare.py, served by the same gunicorn settings) returning a page of
the same length. Without the page cache it also loads, right after the site's
news list (its first and a deep page) and news item, the same pages of a
hand-written Django list/detail over the same rows (tools/bench/plain.py, each
after its own ceiling), and reports the site against issue 16's targets and
against that peer. With the page cache it also floods the home page with random
unknown parameters. At the largest N it records PostgreSQL's plans of the
queries public pages run. After seeding each size it times the news admin in
its own process, as an editor (tools/bench/admin.py; `--modes admin` alone
needs no wrk). The report goes to stdout and to --output, in Markdown.

Use a database and a Redis database of their own (the Makefile's defaults are
balkan_bench and Redis database 10): the bench fills the database with bench data.
"""

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balkan.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.base import CommandError, OutputWrapper  # noqa: E402
from django.db import connection  # noqa: E402

from news.models import NewsItem  # noqa: E402

from .admin import time_admin  # noqa: E402
from .report import (  # noqa: E402
    DEEP_PAGE,
    FLOOD,
    PLAIN,
    SAME_SIZE,
    SEARCH,
    STORY,
    Result,
    admin_table,
    admin_verdicts,
    aggregate,
    parse_wrk,
    report_table,
    verdicts,
)
from .seed import seed  # noqa: E402

# The site's pages the hand-written peer (tools/bench/plain.py) also serves, at the same addresses.
PLAIN_PAGES = ("news list, page 1", DEEP_PAGE, STORY)
ROOT = Path(__file__).resolve().parents[2]
# A new unknown parameter on every request: /?cb=<random>.
FLOOD_SCRIPT = """
math.randomseed(os.time())
request = function()
  return wrk.format(nil, "/?cb=" .. math.random(1, 1000000000) .. "&utm_source=x" .. math.random(1, 1000))
end
"""


def arguments():
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="Comma-separated numbers of news items.")
    parser.add_argument("--rounds", type=int, default=5, help="Interleaved rounds of every measurement.")
    parser.add_argument("--duration", type=int, default=4, help="Seconds of each wrk run in a round.")
    parser.add_argument("--warmup", type=int, default=1, help="Seconds of wrk on each address first.")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--uncached-connections",
        type=int,
        default=8,
        help="Connections for pages rendered on every request: enough to keep every worker busy, "
        "few enough that a request does not wait behind thirty others and time out.",
    )
    parser.add_argument("--port", type=int, default=8110, help="The first port; one server per size.")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3)))
    parser.add_argument("--output", default=str(settings.VAR_DIR / "bench" / "bench.md"))
    parser.add_argument("--fresh", action="store_true", help="Drop and create the databases first.")
    parser.add_argument(
        "--modes", default="cached,uncached,edge,admin", help="Which of cached, uncached, edge, admin."
    )
    parser.add_argument(
        "--pages",
        default="",
        help="Only the pages whose label contains one of these comma-separated words (e.g. search).",
    )
    parser.add_argument(
        "--admin-requests", type=int, default=20, help="Requests to each admin page, of which the median."
    )
    return vars(parser.parse_args())


class Bench:
    def __init__(self, options):
        self.options = options
        self.stdout = OutputWrapper(sys.stdout)

    def run(self):
        options = self.options
        modes = options["modes"].split(",")
        loads = [mode for mode in modes if mode != "admin"]  # what wrk loads
        if loads and not shutil.which("wrk"):
            raise CommandError("wrk is not installed (apt-get install wrk).")
        self.logs = Path(options["output"]).resolve().parent
        self.logs.mkdir(parents=True, exist_ok=True)
        self.load_before = os.getloadavg()
        started = time.monotonic()
        self.base_name = connection.settings_dict["NAME"]
        self.base_prefix = settings.CACHES["default"].get("KEY_PREFIX", "balkan-bench")
        self.forget_cached_pages()
        sizes = [int(size) for size in options["sizes"].split(",")]
        pages, admin = {}, {}
        for size in sizes:
            self.use_database(size, options["fresh"])
            self.stdout.write(f"Seeding {size:,} news items…")
            seed(size, self.stdout)
            if NewsItem.objects.count() != size:
                raise CommandError(
                    f"The database holds {NewsItem.objects.count():,} news items, not {size:,}: use --fresh."
                )
            pages[size] = self.pages(size)
            if "admin" in modes:
                self.stdout.write(f"Timing the news admin at N={size:,}…")
                admin[size] = time_admin(options["admin_requests"])
                for label, (_path, ms, queries) in admin[size].items():
                    self.stdout.write(f"  N={size:,} {label:70} p50 {ms:7.1f} ms  {queries} queries")
        runs = []
        if "edge" in loads and not varnishd():
            self.stdout.write(
                "varnishd is not installed (apt-get install varnish varnish-modules): no edge runs."
            )
            loads.remove("edge")
        if loads:
            runs = self.load(sizes, loads, pages)
        results = aggregate(runs)
        self.use_database(sizes[-1], fresh=False)
        plans = self.plans(sizes[-1]) if connection.vendor == "postgresql" else []
        report = self.report(results, pages, plans, time.monotonic() - started, admin)
        Path(options["output"]).write_text(report)
        self.stdout.write(report)

    def load(self, sizes, modes, pages):
        """Load every page of every size with wrk in each of `modes`; return [(size, mode, label, Result)]."""
        options, runs = self.options, []
        with self.bare_server() as bare:
            for mode in modes:
                peer_sizes = sizes if mode == "uncached" else []
                with self.servers(sizes, mode) as ports, self.plain_servers(peer_sizes) as plain:
                    plan = self.plan(pages, ports, bare, mode, plain)
                    for _, label, url, script in plan:
                        self.wrk(url, options["warmup"], script, mode, label)
                    for round_ in range(options["rounds"]):
                        # Each page right after its ceiling, each size right after the other: the
                        # machine's load drifts, the comparisons stay side by side.
                        for size, label, url, script in plan:
                            result = self.measure(size, mode, label, url, round_, script)
                            runs.append((size, mode, label, result))
        return runs

    def use_database(self, size, fresh):
        """Point this process at the size's own database (created if missing) and migrate it."""
        connection.close()
        if connection.vendor == "sqlite":
            # One file per size, beside the report: the embedded default as `make run` uses it.
            name = str(self.logs / f"db-{size}.sqlite3")
            if fresh:
                for suffix in ("", "-wal", "-shm"):
                    Path(name + suffix).unlink(missing_ok=True)
        else:
            name = f"{self.base_name}_{size}"
            with connection._nodb_cursor() as cursor:
                if fresh:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if cursor.fetchone() is None:
                    cursor.execute(f'CREATE DATABASE "{name}"')
        connection.settings_dict["NAME"] = name
        call_command("migrate", verbosity=0)

    def forget_cached_pages(self):
        """Delete every key of the bench's servers (theirs start with this process's prefix)."""
        if hasattr(caches["default"], "delete_pattern"):
            client = caches["default"].client.get_client(write=True)
            for key in client.scan_iter(match=f"{self.base_prefix}*", count=1000):
                client.delete(key)
        else:
            caches["default"].clear()

    def pages(self, size):
        """Return the (label, path) of the pages loaded at `size`: every public page's kind, or --pages'."""
        wanted = [word.strip() for word in self.options["pages"].split(",") if word.strip()]
        return [
            (label, path)
            for label, path in self.every_page(size)
            if not wanted or any(w in label for w in wanted)
        ]

    def every_page(self, size):
        published = NewsItem.objects.published().count()
        deep = max(1, int((published + 19) // 20 * 0.8))
        return [
            ("home", "/"),
            ("news list, page 1", "/news/"),
            (DEEP_PAGE, f"/news/?page={deep}"),
            (STORY, f"/news/bench-{size // 2}/"),
            ("country profile", "/countries/slovenia/"),
            ("chronology", "/chronology/"),
            ("API news, page 1", "/api/v1/news/"),
            ("API news, a deep page (by cursor)", f"/api/v1/news/?cursor={self.deep_cursor(published)}"),
            (SEARCH + "a word in every story", "/search/?q=cooperation"),
            (SEARCH + "a rare word", "/search/?q=earthquake"),
            (SEARCH + "Japanese, a word in every story", "/ja/search/?q=%E5%8D%94%E5%8A%9B"),
            (SEARCH + "Japanese, a rare word", "/ja/search/?q=%E5%9C%B0%E9%9C%87"),
        ]

    def deep_cursor(self, published):
        """Return the API's cursor of the news page 80% of the way down (as deep as the deep page)."""
        from api.views import NEWS_ORDER

        row = NewsItem.objects.published().order_by(*NEWS_ORDER.ordering())[max(0, int(published * 0.8) - 1)]
        return NEWS_ORDER.encode(row)

    def plan(self, pages, ports, bare, mode, plain=None):
        """Return a round's measurements in order, as (size, label, url, wrk script or None).

        `plain` maps sizes to the ports of the hand-written peer: its pages come right after the
        site's, each after a ceiling of its own length.
        """
        plan = []
        for index in range(len(pages[next(iter(pages))])):
            for size, port in ports.items():
                label, path = pages[size][index]
                urls = [(label, f"http://127.0.0.1:{port}{path}")]
                if plain and label in PLAIN_PAGES:
                    urls.append((PLAIN + label, f"http://127.0.0.1:{plain[size]}{path}"))
                for label, url in urls:
                    plan.append((size, SAME_SIZE + label, f"{bare}/?bytes={self.length(url)}", None))
                    plan.append((size, label, url, None))
        if mode == "cached":
            for size, port in ports.items():
                plan.append((size, FLOOD, f"http://127.0.0.1:{port}/", self.flood_script()))
        return plan

    def flood_script(self):
        script = self.logs / "flood.lua"
        script.write_text(FLOOD_SCRIPT)
        return script

    @contextmanager
    def servers(self, sizes, mode):
        """Serve each size's database as `make serve` does: with or without the page cache, or behind Varnish."""
        started, ports = [], {}
        try:
            for index, size in enumerate(sizes):
                port = self.options["port"] + index
                edge_port = self.options["port"] + 40 + index
                started.append(self.server(size, mode, port, edge_port))
                self.wait_for(port, started[-1][0])
                if mode == "edge":
                    started.append(self.varnish(size, port, edge_port))
                    self.wait_for(edge_port, started[-1][0])
                    port = edge_port
                ports[size] = port
            yield ports
        finally:
            stop(started)

    @contextmanager
    def plain_servers(self, sizes):
        """Serve the hand-written peer (tools/bench/plain.py) over each size's database, as the site is served."""
        started, ports = [], {}
        try:
            for index, size in enumerate(sizes):
                port = self.options["port"] + 60 + index
                environment = {
                    **os.environ,
                    "DJANGO_SETTINGS_MODULE": "tools.bench.plain",
                    "DATABASE_URL": self.database_url(size),
                }
                started.append(
                    self.spawn("tools.bench.plain:application", port, environment, f"gunicorn-plain-{size}")
                )
                self.wait_for(port, started[-1][0])
                ports[size] = port
            yield ports
        finally:
            stop(started)

    @contextmanager
    def bare_server(self):
        """Serve the bare Django app (the ceiling) with the same gunicorn settings as the site."""
        port = self.options["port"] + 80
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tools.bench.bare"}
        process, log = self.spawn("tools.bench.bare:application", port, environment, "gunicorn-bare")
        try:
            self.wait_for(port, process)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop([(process, log)])

    def gunicorn(self, application, port):
        """Return the command that serves `application` as `make serve` does."""
        return [
            str(Path(sys.executable).with_name("gunicorn")),
            application,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(self.options["workers"]),
            "--access-logfile",
            "-",
            "--forwarded-allow-ips=127.0.0.1",
        ]

    def database_url(self, size):
        """Return the DATABASE_URL of the size's own database (see use_database)."""
        if connection.vendor == "postgresql":
            return os.environ.get("DATABASE_URL", "").rsplit("/", 1)[0] + f"/{self.base_name}_{size}"
        return f"sqlite:///{self.logs / f'db-{size}.sqlite3'}"

    def server(self, size, mode, port, edge_port):
        environment = {
            **os.environ,
            "DATABASE_URL": self.database_url(size),
            "PAGE_CACHE": "0" if mode == "uncached" else "1",
            "CACHE_KEY_PREFIX": f"{self.base_prefix}-{size}",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # wrk is one client asking as fast as it can: the API's limit would answer it 429s.
            "API_RATE_LIMIT": "100000000/s",
        }
        if mode == "edge":
            environment["EDGE_PURGE_URL"] = f"http://127.0.0.1:{edge_port}/"
        environment.pop("DJANGO_SETTINGS_MODULE", None)
        return self.spawn("balkan.wsgi", port, environment, f"gunicorn-{size}-{mode}")

    def spawn(self, application, port, environment, log_name):
        """Start gunicorn serving `application` on `port`, logging to <log_name>.log; return (process, log)."""
        log = (self.logs / f"{log_name}.log").open("w")
        process = subprocess.Popen(
            self.gunicorn(application, port), cwd=ROOT, env=environment, stdout=log, stderr=log
        )
        return process, log

    def varnish(self, size, backend_port, port):
        """Start varnishd with deploy/varnish/default.vcl in front of the app server at `backend_port`."""
        vcl = (ROOT / "deploy/varnish/default.vcl").read_text()
        vcl_path = self.logs / f"varnish-{size}.vcl"
        vcl_path.write_text(vcl.replace('.port = "8000"', f'.port = "{backend_port}"'))
        log = (self.logs / f"varnish-{size}.log").open("w")
        command = [varnishd(), "-F", "-j", "none", "-f", str(vcl_path), "-a", f"127.0.0.1:{port}"]
        command += ["-n", str(self.logs / f"varnish-{size}"), "-s", "malloc,256m", "-T", "none"]
        command += ["-p", "http_gzip_support=off"]
        return subprocess.Popen(command, stdout=log, stderr=log), log

    def wait_for(self, port, process):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise CommandError(f"gunicorn stopped; see {self.logs}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                    return
            except OSError:
                time.sleep(0.3)
        raise CommandError("gunicorn did not answer within 60 s")

    def wrk(self, url, seconds, script=None, mode="cached", label=""):
        options = self.options
        connections = options["uncached_connections"] if mode == "uncached" else options["connections"]
        threads = options["threads"]
        if mode == "uncached" and SEARCH in label:
            # A search's latency is what one reader waits, not a queue behind seven others.
            threads = connections = 1
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s"]
        command += ["--timeout", "10s", "--latency", *(["-s", str(script)] if script else []), url]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def length(self, url):
        with urllib.request.urlopen(url, timeout=30) as response:
            if response.status != 200:
                raise CommandError(f"{url} answered {response.status}")
            return len(response.read())

    def measure(self, size, mode, label, url, round_, script=None):
        rate, p50, p99, errors, requests = parse_wrk(
            self.wrk(url, self.options["duration"], script, mode, label)
        )
        self.stdout.write(
            f"  round {round_ + 1} N={size:,} {mode:8} {label:60} {rate:8.0f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms"
        )
        return Result(label, mode, size, rate, p50, p99, errors, requests)

    def plans(self, size):
        """Return (what, key lines of EXPLAIN ANALYZE) for the queries public pages run."""
        from chronology.models import ChronologyEntry
        from countries.models import Country
        from pagecache.pagination import AnchoredPaginator
        from partners.models import PartnerOrganisation
        from search.query import Search

        public = NewsItem.objects.published().for_list()
        slovenia = Country.objects.get(slug="slovenia")
        item = NewsItem.objects.get(slug=f"bench-{size // 2}")
        partner = PartnerOrganisation.objects.filter(news_items__isnull=False).first()
        paginator = AnchoredPaginator(public, 20, cache_key="bench-explain", generations=["news"])
        deep = max(1, int(paginator.num_pages * 0.8))
        queries = [
            ("news list, page 1 (also home's latest)", public[:20]),
            ("news list, its length (once per change)", None),
            ("news list, the anchors of deep pages (once per change)", paginator.anchor_rows()),
            (
                f"news list, page {deep:,} from its anchor (what the site runs)",
                paginator.page(deep).object_list,
            ),
            (f"news list, page {deep:,} by OFFSET (what it avoids)", public[(deep - 1) * 20 : deep * 20]),
            ("home, featured news", public.filter(is_featured=True)[:3]),
            ("news list ?kind=visit", public.filter(kind="visit")[:20]),
            ("news list ?year=2020", public.filter(publish_at__year=2020)[:20]),
            ("news list ?country= and a profile's latest news", public.for_country(slovenia)[:20]),
            ("news list ?tag=", public.for_tag("topic-3")[:20]),
            ("news item", NewsItem.objects.published().filter(slug=item.slug)),
            *related_news_queries(item),
            ("partner page, its news", public.filter(partners=partner)[:5]),
            ("next scheduled story (page cache)", NewsItem.objects.scheduled().order_by("publish_at")[:1]),
            ("chronology", ChronologyEntry.objects.published().for_timeline()),
            (
                "home, chronology highlights",
                ChronologyEntry.objects.published().filter(is_highlight=True).order_by("-date")[:5],
            ),
            ("search ?q=cooperation, its candidates ranked", Search("cooperation").ranking()),
        ]
        plans = []
        for what, queryset in queries:
            if queryset is None:
                sql, params = NewsItem.objects.published().values("pk").query.sql_with_params()
                sql = f"SELECT COUNT(*) FROM ({sql}) counted"
            else:
                sql, params = queryset.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN ANALYZE {sql}", params)
                plans.append((what, key_lines("\n".join(row[0] for row in cursor.fetchall()))))
        return plans

    def machine(self):
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()"
            )
            database = cursor.fetchone()[0].split(" on ")[0]
        redis = "none"
        if settings.REDIS_URL:
            redis = "Redis " + caches["default"].client.get_client().info()["redis_version"]
        modes = self.options["modes"].split(",")
        wrk = (
            subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("[")[0].strip()
            if shutil.which("wrk")
            else "wrk (not installed)"
        )
        gunicorn = subprocess.run(
            [str(Path(sys.executable).with_name("gunicorn")), "--version"], capture_output=True, text=True
        ).stdout.strip()
        return [
            f"- CPU: {os.cpu_count()} × {cpu}; RAM: {memory_kb / 1024 / 1024:.1f} GiB",
            f"- {platform.platform()}; Python {platform.python_version()}; Django {django.get_version()}",
            f"- {database}; {redis}; {gunicorn} with {self.options['workers']} workers (as `make run`)",
            f"- the ceiling: a bare Django {django.get_version()} app with the stock middleware only "
            "(tools/bench/bare.py), served by the same gunicorn settings",
            *(
                [
                    "- the peer of the uncached news list and news item: a hand-written Django list/detail "
                    "over the same rows (tools/bench/plain.py: the stock middleware, ListView and DetailView, "
                    "Django templates), served by the same gunicorn settings at the same addresses"
                ]
                if "uncached" in modes
                else []
            ),
            *(
                [
                    "- the news admin: timed in the bench's own process as an editor with a two-factor-verified "
                    f"session (tools/bench/admin.py), the median of {self.options['admin_requests']} requests "
                    "per page after one to warm it, right after seeding each size, before any server runs"
                ]
                if "admin" in modes
                else []
            ),
            f"- {wrk}: {self.options['threads']} threads, {self.options['connections']} connections, "
            f"{self.options['rounds']} interleaved rounds of {self.options['duration']} s per address (medians) after "
            f"{self.options['warmup']} s of warm-up, on the same machine; one server per size, running side by side",
            "- load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}".format(
                *self.load_before, *os.getloadavg()
            ),
        ]

    def report(self, results, pages, plans, seconds, admin=None):
        lines = [
            "# Bench",
            "",
            "## Machine",
            "",
            *self.machine(),
            f"- the whole run took {seconds / 60:.1f} min",
            "",
        ]
        lines += ["## Pages", ""]
        for size, paths in pages.items():
            lines.append(f"- N={size:,}: " + ", ".join(f"{label} `{path}`" for label, path in paths))
        lines.append("")
        if results:
            lines += ["## Results", "", report_table(results), ""]
        if admin:
            lines += ["## The news admin (one editor, in the bench's process)", "", admin_table(admin), ""]
        lines += ["## Targets", ""]
        if results:
            lines.append(verdicts(results))
        if admin:
            lines.append(admin_verdicts(admin))
        lines.append("")
        if plans:
            lines += [f"## Query plans at N={max(pages):,} (PostgreSQL EXPLAIN ANALYZE, key lines)", ""]
            for what, plan in plans:
                lines += [f"**{what}**", "", "```", plan, "```", ""]
        return "\n".join(lines)


def related_news_queries(item):
    """Return (what, query) for a story's related news: its two candidate sets, then their ranking."""
    public = NewsItem.objects.published()
    country_ids = list(item.countries.values_list("pk", flat=True))
    tag_ids = list(item.tags.values_list("pk", flat=True))
    sets = public.related_candidates(item, country_ids, tag_ids)
    pks = {pk for query in sets for pk in query.values_list("pk", flat=True)}
    return [
        *(
            (f"news item, its related news' candidates {n} of {len(sets)} (once per change)", query)
            for n, query in enumerate(sets, 1)
        ),
        (
            "news item, ranking its related news (once per change)",
            public.ranking(pks, country_ids, tag_ids)[:3],
        ),
    ]


def stop(started):
    """Stop the servers in `started`, [(process, log file)], and close their logs."""
    for process, log in started:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def key_lines(plan, limit=12):
    """Return the lines of a plan that say how rows are found, sorted and counted, and its time."""
    keep = (
        "Scan",
        "Sort",
        "Limit",
        "Loop",
        "Join",
        "Aggregate",
        "WindowAgg",
        "Rows Removed",
        "Execution Time",
    )
    lines = [line.rstrip()[:160] for line in plan.splitlines() if any(word in line for word in keep)]
    if len(lines) > limit + 1:
        lines = [*lines[:limit], "  …", lines[-1]]
    return "\n".join(lines)


def varnishd():
    return shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None
    )


if __name__ == "__main__":
    Bench(arguments()).run()
