"""Seconds and peak memory to build a de-identified records version from N resumes.

    DATABASE_URL=postgres://… python bench/build.py --resumes 100000

Prints one JSON line. ``floor_seconds`` is the time to read the same resumes
from the database alone, so ``ratio`` shows what the build adds on top.
"""

import argparse
import json
import time

from population import bench_database, peak_rss_mb, populate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resumes", type=int, default=100_000)
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    with bench_database():
        import tempfile

        from django.conf import settings

        settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-build-")
        from config.celery import app as celery_app

        celery_app.conf.task_always_eager = True
        from consent.models import Purpose
        from consent.selectors import resumes_consented
        from exchange.models import DataProduct, ProductVersion
        from exchange.services.builds import RESUME_FIELDS, version_build
        from exchange.services.products import product_create

        provider, _buyer, provider_user, _buyer_user, _notices = populate(args.resumes)
        product = product_create(
            provider=provider,
            by=provider_user,
            title="Bench records",
            description="bench",
            kind=DataProduct.Kind.RECORDS,
            purpose=Purpose.RECORDS,
            price_fen=10_000,
            k=args.k,
            max_suppression_bps=500,
            quasi_identifiers=["age", "gender", "province", "education_level", "years_experience", "expected_salary"],
            include_skills=True,
        )
        started = time.perf_counter()
        len(list(resumes_consented(provider=provider, purpose=Purpose.RECORDS).only(*RESUME_FIELDS)))
        floor = time.perf_counter() - started

        version = ProductVersion.objects.create(product=product, number=1, created_by=provider_user)
        started = time.perf_counter()
        version = version_build(version_id=version.pk)
        seconds = time.perf_counter() - started
        report = version.privacy_report
        print(
            json.dumps(
                {
                    "bench": "build",
                    "n": args.resumes,
                    "seconds": round(seconds, 2),
                    "peak_rss_mb": peak_rss_mb(),
                    "floor_seconds": round(floor, 2),
                    "ratio": round(seconds / floor, 2) if floor else None,
                    "status": version.status,
                    "members": version.member_count,
                    "k_achieved": report.get("k_achieved"),
                    "suppressed": report.get("suppressed"),
                }
            )
        )


if __name__ == "__main__":
    main()
