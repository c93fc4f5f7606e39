"""Clean-room query latency over N candidates (default 1,000,000).

    DATABASE_URL=postgres://… python bench/query.py --candidates 1000000 --runs 40

Runs the allow-listed templates in turn through ``query_run`` (entitlement,
filters, threshold, OpenDP noise, the spend against the version's allowance and
the log) and prints one JSON line with the median and 95th percentile. ``floor_seconds`` is the median
of the bare count of the people matching the same query's filter (the template's
own filter over the same pool, built the same way), the database's share of the work;
``templates`` gives each template's median and its ratio to the floors measured
next to it. ``settle_seconds`` is the settlement of the version after the runs: every
member given back the allowance the runs' queries did not spend on them.
"""

import argparse
import json
import statistics
import time

from population import PROVINCES, ROLES, bench_database, peak_rss_mb, populate

QUERIES = [
    ("candidates_count", {"province": "广东", "min_experience": 5, "min_education": "bachelor", "skills": ["python"]}),
    ("salary_distribution", {"role_category": "engineering", "province": "北京"}),
    ("top_skills", {"role_category": "data", "province": "上海"}),
    ("experience_distribution", {"role_category": "sales", "province": "浙江"}),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    with bench_database():
        from django.conf import settings

        from config.celery import app as celery_app

        celery_app.conf.task_always_eager = True
        settings.EXCHANGE = {**settings.EXCHANGE, "LIFETIME_EPSILON": "1000"}
        from consent.models import Purpose
        from exchange.models import DataProduct, Order, ProductVersion
        from exchange.services.builds import version_build
        from exchange.services.queries import query_allowances_settle, query_matching, query_run
        from privacy import templates

        provider, buyer, provider_user, buyer_user, _notices = populate(args.candidates)
        product = DataProduct.objects.create(
            provider=provider,
            title="Bench query service",
            description="bench",
            kind=DataProduct.Kind.QUERY,
            purpose=Purpose.STATISTICS,
            price_fen=10_000,
            epsilon="0.1",
            min_people=10,
            status=DataProduct.Status.APPROVED,
        )
        version = ProductVersion.objects.create(product=product, number=1, created_by=provider_user)
        started = time.perf_counter()
        version = version_build(version_id=version.pk)
        build_seconds = time.perf_counter() - started
        assert version.status == ProductVersion.Status.READY, version.error
        Order.objects.create(buyer=buyer, version=version, price_fen=10_000, placed_by=buyer_user)

        floor, timings, people, by_template = [], [], [], {}
        for run in range(args.runs):
            template, params = QUERIES[run % len(QUERIES)]
            params = dict(params)
            if "province" in params:
                params["province"] = PROVINCES[run % len(PROVINCES)]
            if "role_category" in params:
                params["role_category"] = ROLES[run % len(ROLES)]
            same_filter = query_matching(version=version, buyer=buyer, plan=templates.plan(template, params))
            started = time.perf_counter()
            same_filter.count()
            floor.append(time.perf_counter() - started)
            started = time.perf_counter()
            log = query_run(product=product, buyer=buyer, template=template, params=params, by=buyer_user)
            timings.append(time.perf_counter() - started)
            people.append(log.people)
            by_template.setdefault(template, []).append((timings[-1], floor[-1]))
        started = time.perf_counter()
        query_allowances_settle(version_ids=[version.pk])
        settle_seconds = time.perf_counter() - started
        timings_ms = sorted(t * 1000 for t in timings)
        p50 = statistics.median(timings_ms)
        print(
            json.dumps(
                {
                    "bench": "query",
                    "n": args.candidates,
                    "runs": args.runs,
                    "seconds": round(sum(timings), 2),
                    "peak_rss_mb": peak_rss_mb(),
                    "p50_ms": round(p50, 1),
                    "p95_ms": round(timings_ms[int(0.95 * (len(timings_ms) - 1))], 1),
                    "floor_seconds": round(statistics.median(floor), 4),
                    "ratio": round(p50 / 1000 / statistics.median(floor), 2),
                    "median_people": statistics.median(people),
                    "build_seconds": round(build_seconds, 2),
                    "settle_seconds": round(settle_seconds, 2),
                    "members": version.member_count,
                    "templates": {
                        name: {
                            "p50_ms": round(statistics.median(t for t, _f in pairs) * 1000, 1),
                            "ratio": round(statistics.median(t for t, _f in pairs) / statistics.median(f for _t, f in pairs), 2),
                        }
                        for name, pairs in by_template.items()
                    },
                }
            )
        )


if __name__ == "__main__":
    main()
