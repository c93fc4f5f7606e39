"""A throw-away PostgreSQL database full of consenting jobseekers, for the benchmarks.

The database is created next to the one in DATABASE_URL (its name + "_bench", or + $BENCH_DB_SUFFIX),
migrated, filled with INSERT … SELECT over generate_series (no row leaves the
server), and dropped afterwards. Direct identifiers are left empty: the builds
and queries never read them.
"""

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROVINCES = ["广东", "北京", "上海", "浙江", "江苏", "四川", "湖北", "山东", "福建", "河南"]
SKILLS = ["python", "java", "sql", "excel", "go", "react", "docker", "sales", "marketing", "accounting", "linux", "aws"]
ROLES = ["engineering", "data", "product", "sales", "finance", "operations", "hr", "other"]
EDUCATION = ["high_school", "associate", "bachelor", "master", "doctorate"]


def _admin_sql(url: str, statement: str) -> None:
    import psycopg

    parsed = urlparse(url)
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(statement)


@contextmanager
def bench_database():
    """Create, migrate and finally drop ``<db>_bench``; Django is set up inside."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("the benchmarks need PostgreSQL: set DATABASE_URL=postgres://…")
    parsed = urlparse(base)
    name = parsed.path.lstrip("/") + os.environ.get("BENCH_DB_SUFFIX", "_bench")
    url = urlunparse(parsed._replace(path=f"/{name}"))
    _admin_sql(base, f'DROP DATABASE IF EXISTS "{name}"')
    _admin_sql(base, f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        yield
    finally:
        from django.db import connections

        connections.close_all()
        _admin_sql(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def populate(n: int):
    """n jobseekers with confirmed resumes and a records+statistics consent to one provider."""
    from django.db import connection
    from django.utils import timezone

    from consent.models import Purpose
    from tests.factories import MerchantFactory, NoticeFactory, ProviderFactory, member_of

    provider = ProviderFactory(name="Bench Recruiting")
    buyer = MerchantFactory(name="Bench Employer")
    notices = {purpose: NoticeFactory(provider=provider, purpose=purpose) for purpose in Purpose.values}
    arr = lambda values: "ARRAY[" + ",".join(f"'{v}'" for v in values) + "]"  # noqa: E731
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO accounts_user (password, is_superuser, email, is_staff, is_active, date_joined, "
            "display_name, kind, language) "
            "SELECT '!', false, 'bench' || g || '@example.com', false, true, %s, '', 'jobseeker', 'zh-hans' "
            "FROM generate_series(1, %s) AS g",
            [now, n],
        )
        cursor.execute(
            "INSERT INTO consent_resume (owner_id, status, full_name, phone, contact_email, current_employer, "
            "birth_year, gender, province, city, education_level, field_of_study, years_experience, current_title, "
            "industry, role_category, desired_role, expected_salary, skills, confirmed_at, updated_at) "
            "SELECT u.id, 'confirmed', '', '', '', '', 1966 + mod(h, 40), (ARRAY['F','M'])[1 + mod(h, 2)], "
            f"({arr(PROVINCES)})[1 + mod(h / 7, {len(PROVINCES)})], '', "
            f"({arr(EDUCATION)})[1 + mod(h / 3, {len(EDUCATION)})], '', mod(h / 11, 25), '', 'internet', "
            f"({arr(ROLES)})[1 + mod(h / 13, {len(ROLES)})], '', 4000 + mod(h / 17, 40) * 1000, "
            f"jsonb_build_array(({arr(SKILLS)})[1 + mod(h / 19, {len(SKILLS)})], "
            f"({arr(SKILLS)})[1 + mod(h / 23, {len(SKILLS)})]), %s, %s "
            "FROM (SELECT id, abs(hashtext(id::text)) AS h FROM accounts_user WHERE email LIKE 'bench%%') AS u",
            [now, now],
        )
        for purpose, notice in notices.items():
            cursor.execute(
                "INSERT INTO consent_consentgrant (user_id, notice_id, purpose, provider_id, language, text_hash, "
                "channel, granted_at) SELECT id, %s, %s, %s, 'en', %s, 'web', %s FROM accounts_user "
                "WHERE email LIKE 'bench%%'",
                [notice.pk, purpose, provider.pk, notice.text_hash("en"), now],
            )
        cursor.execute("ANALYZE")
    return provider, buyer, member_of(provider), member_of(buyer), notices


def peak_rss_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


__all__ = ["bench_database", "populate", "peak_rss_mb"]
