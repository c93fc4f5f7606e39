"""The earnings table: a date range, sorting, pagination and a CSV of every line; the finance report as CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from exchange.services.orders import order_settle
from tests.flow import build_start, buy, list_and_fund, product_define, world_create


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def sold(db, django_capture_on_commit_callbacks):
    world = world_create(people=4)
    product = product_define(world, price_fen=30_000, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, product)
    list_and_fund(world, product)
    order = buy(world, product)
    order_settle(order_id=order.pk)
    return world


def test_a_jobseeker_exports_the_lines_of_the_chosen_period(client, sold):
    person = sold.jobseekers[0]
    client.force_login(person)
    page = client.get("/me/earnings/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="sales"' in html and 'class="sale-line' in html and "export=csv" in html
    rows = _csv(client.get("/me/earnings/?export=csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0] == ["Date", "Product", "Buyer", "Buyer's industry", "State", "My share"]
    assert len(rows) == 2 and rows[1][1] == "Software talent pool, Q4" and rows[1][4] == "Pending"
    assert float(rows[1][5]) > 0  # a plain yuan number a spreadsheet can add up
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert len(_csv(client.get(f"/me/earnings/?start={tomorrow}&export=csv"))) == 1
    today = timezone.localdate().isoformat()
    assert len(_csv(client.get(f"/me/earnings/?start={today}&end={today}&export=csv"))) == 2
    chinese = client.get(f"/me/earnings/?start={tomorrow}").content.decode()
    assert "显示" in chinese


def test_staff_export_the_finance_report(client, sold):
    client.force_login(sold.staff)
    rows = _csv(client.get("/finance/report/?export=csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0] == ["Figure", "Amount (yuan)"]
    figures = dict(rows[1:])
    assert len(figures) == 14
    assert figures["Commission earned on sales"] == "30.00"  # 10 % of ¥300.00, as a plain number
