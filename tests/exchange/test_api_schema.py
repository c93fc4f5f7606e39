"""schemathesis against /api/schema/ on a live server with a seeded world: every check it has, every phase
(examples, coverage, fuzzing and the stateful phase, which chains calls through the links between
operations), and not one failure.

It runs the schemathesis command line, exactly as a person would point it at the API, and reads its
JSON report: a failure anywhere fails this test with schemathesis' own account of it. The two rules
across fields that OpenAPI cannot state are taught to the generator in schemathesis_hooks.py (valid
cases only; nothing is excluded from any check).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from exchange.models import PricePlan
from exchange.services.api_keys import api_key_create
from exchange.services.orders import order_place

from .buyer_world import listed_dataset, market_create, plan, talent_invitation_accepted

EXAMPLES_PER_OPERATION = 10
PHASES = "examples,coverage,fuzzing,stateful"


@pytest.mark.django_db(transaction=True)
def test_schemathesis_all_checks_and_phases_find_no_failure(live_server, tmp_path: Path):
    market = market_create()
    second = listed_dataset(market.provider, title="Second product")
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    order_place(buyer=market.buyer, product=second, by=market.buyer_user, plan=plan(second, PricePlan.Kind.MONTHLY, 5_000))
    plan(market.product, PricePlan.Kind.CREDITS, 1_000, credits=10)
    talent_invitation_accepted(market.buyer, market.buyer_user)  # so that invitation links lead somewhere
    _key, secret = api_key_create(merchant=market.buyer, name="schemathesis", by=market.buyer_user)
    cache.clear()  # throttling counts from earlier tests must not turn into 429s here

    report = tmp_path / "report.json"
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            f"{live_server.url}/api/schema/?format=json",
            "--url",
            live_server.url,
            "--checks",
            "all",
            "--phases",
            PHASES,
            "--header",
            f"Authorization: Api-Key {secret}",
            "--max-examples",
            str(EXAMPLES_PER_OPERATION),
            "--seed",
            "20261203",
            "--workers",
            "1",
            "--generation-database",
            "none",
            "--suppress-health-check",
            "all",
            "--report",
            "json",
            "--report-json-path",
            str(report),
            "--no-color",
        ],
        env={**os.environ, "SCHEMATHESIS_HOOKS": str(Path(__file__).with_name("schemathesis_hooks.py"))},
        cwd=tmp_path,  # its crash cache stays out of the repository and out of the next run
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-20000:]
    # Every phase ran and passed (one that was skipped, e.g. for want of links, would not say so), on every operation.
    for phase in PHASES.split(","):
        assert f"✅ {phase.capitalize()}" in output, output[output.find("SUMMARY") :]
    tested = re.search(r"Tested: (\d+)", output)
    assert tested and int(tested.group(1)) >= 25, output[output.find("SUMMARY") :]
    assert json.loads(report.read_text()), output[-5000:]
