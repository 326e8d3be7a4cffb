"""`make bench`'s pieces that need no servers: reading wrk, the report, the bench data."""

import pytest

from balkan.bench import SAME_SIZE, Result, aggregate, parse_wrk, report_table, verdicts

WRK = """Running 10s test @ http://127.0.0.1:8110/news/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    15.20ms    4.10ms  80.12ms   88.00%
    Req/Sec     1.05k   120.00     1.30k    70.00%
  Latency Distribution
     50%   14.02ms
     75%   16.50ms
     90%   19.00ms
     99%    1.02s
  21034 requests in 10.01s, 290.12MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:   2101.33
Transfer/sec:     28.98MB
"""


def test_wrk_output_is_read_into_numbers():
    assert parse_wrk(WRK) == (2101.33, 14.02, 1020.0, 9, 21034)


def test_microsecond_latencies_are_read_too():
    output = WRK.replace("14.02ms", "950.00us").replace(
        "Socket errors: connect 0, read 3, write 0, timeout 2\n", ""
    )
    assert parse_wrk(output)[1:4] == (pytest.approx(0.95), 1020.0, 4)


def results():
    return [
        Result("trivial view", "cached", 1000, 3000, 8, 15, 0, 30000),
        Result(SAME_SIZE + "home", "cached", 1000, 2000, 10, 20, 0, 20000),
        Result("home", "cached", 1000, 1900, 11, 22, 0, 19000),
        Result(SAME_SIZE + "home", "uncached", 1000, 2000, 10, 20, 0, 20000),
        Result("home", "uncached", 1000, 200, 100, 200, 0, 2000),
        Result(SAME_SIZE + "home", "cached", 100000, 2000, 10, 20, 0, 20000),
        Result("home", "cached", 100000, 1700, 12, 25, 0, 17000),
        Result(SAME_SIZE + "home", "uncached", 100000, 2000, 10, 20, 0, 20000),
        Result("home", "uncached", 100000, 190, 130, 260, 1, 1900),
    ]


def test_report_gives_each_figure_as_a_ratio_to_its_trivial_view_and_to_the_smallest_size():
    table = report_table(results())
    assert "| 1,000 | cached | home | 1,900 | 0.95 | 11.00 | 1.10 | 22.00 | 1.10 | 0 |  |  |  |" in table
    assert (
        "| 100,000 | uncached | home | 190 | 0.10 | 130.00 | 13.00 | 260.00 | 13.00 | 1 | 0.95 | 1.30 | 1.30 |"
        in table
    )


def test_verdicts_say_which_targets_were_held_and_which_missed():
    lines = verdicts(results()).splitlines()
    assert (
        "- held: cached home at N=1,000 serves 95% of the requests per second of a trivial view" in lines[0]
    )
    assert lines[1].startswith("- MISSED: cached home at N=100,000 serves 85%")
    assert lines[2].startswith("- MISSED: uncached home p50 at N=100,000 is 1.30× its p50 at N=1,000")
    assert lines[3] == "- MISSED: 1 errors in 149,900 requests (target 0)"


@pytest.mark.django_db
def test_seed_bench_creates_news_with_countries_tags_and_a_chronology_and_tops_up(client):
    from django.core.management import call_command

    from chronology.models import ChronologyEntry
    from news.models import NewsItem

    call_command("seed_bench", news=30, verbosity=0)
    assert NewsItem.objects.published().count() == 30
    story = NewsItem.objects.get(slug="bench-15")
    assert story.countries.exists() and story.tags.count() == 2
    assert ChronologyEntry.objects.filter(related_news__isnull=False).exists()
    call_command("seed_bench", news=45, verbosity=0)
    assert NewsItem.objects.count() == 45
    assert list(NewsItem.objects.published().for_list()[:1]) == [NewsItem.objects.get(slug="bench-0")]
    for url in ("/", "/news/", "/news/?page=3", "/news/bench-15/", "/countries/slovenia/", "/chronology/"):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_trivial_view_is_off_unless_asked_for(client):
    assert client.get("/bench/trivial").status_code == 404


def test_interleaved_rounds_are_summed_up_by_their_medians():
    runs = [
        (1000, "cached", "home", Result("home", "cached", 1000, rate, p50, p50 * 2, errors, 100))
        for rate, p50, errors in [(900, 12, 0), (1500, 9, 1), (1200, 10, 0)]
    ]
    (result,) = aggregate(runs)
    assert (result.requests_per_second, result.p50_ms, result.p99_ms) == (1200, 10, 20)
    assert (result.errors, result.requests) == (1, 300)
