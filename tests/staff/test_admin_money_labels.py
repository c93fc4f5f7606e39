"""The staff admin speaks the reader's language and never shows fen or basis points."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from payouts.models import TopUp
from payouts.services import wallet_topup_request
from tests.factories import MerchantFactory, StaffFactory, member_of
from tests.flow import product_define, world_create

OUR_APPS = {"accounts", "consent", "exchange", "payouts"}
# Words that read the same in both languages.
UNIVERSAL = {"ID", "API"}


def _untranslated(text) -> bool:
    text = str(text)
    return text not in UNIVERSAL and bool(re.search(r"[A-Za-z]{2,}", text)) and not re.search(r"[\u4e00-\u9fff]", text)


def test_every_admin_label_of_the_apps_is_translated():
    """Model names, field labels, choices, list columns, filter titles and action names, in Chinese."""
    request = RequestFactory().get("/admin/")
    request.user = StaffFactory.build()
    missing = []
    with translation.override("zh-hans"):
        for model, model_admin in admin.site._registry.items():
            meta = model._meta
            if meta.app_label not in OUR_APPS:
                continue
            for what, text in [("model", meta.verbose_name), ("models", meta.verbose_name_plural)]:
                if _untranslated(text):
                    missing.append(f"{meta.label} {what}: {text}")
            for field in meta.get_fields():
                if not field.concrete:
                    continue
                if _untranslated(field.verbose_name):
                    missing.append(f"{meta.label}.{field.name}: {field.verbose_name}")
                for _value, label in getattr(field, "flatchoices", []) or []:
                    if _untranslated(label):
                        missing.append(f"{meta.label}.{field.name} choice: {label}")
            for name in [*model_admin.get_list_display(request), *model_admin.list_filter]:
                if isinstance(name, str) and name != "__str__":
                    label = label_for_field(name, model, model_admin)
                    if _untranslated(label):
                        missing.append(f"{meta.label} column {name}: {label}")
            for _func, name, description in model_admin._get_base_actions():
                if _untranslated(description):
                    missing.append(f"{meta.label} action {name}: {description}")
    assert missing == []


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    client.force_login(staff)
    return client


@pytest.mark.django_db
def test_top_ups_are_listed_in_yuan_never_in_fen(staff_client):
    buyer = MerchantFactory(name="Acme Employer")
    wallet_topup_request(merchant=buyer, amount_fen=50_000, bank_reference="CMB-1", by=member_of(buyer))
    page = staff_client.get(reverse("admin:payouts_topup_changelist"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "¥500.00" in page
    assert "50000" not in page and "50,000" not in page
    assert "(fen)" not in page.lower()
    topup = TopUp.objects.get()
    form = staff_client.get(reverse("admin:payouts_topup_change", args=[topup.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert 'value="500.00"' in form.content.decode()


@pytest.mark.django_db
def test_product_price_and_caps_are_edited_in_yuan_and_percent(staff_client):
    world = world_create(people=3)
    product = product_define(world, price_fen=19_900)
    url = reverse("admin:exchange_dataproduct_change", args=[product.pk])
    page = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'value="199.00"' in page
    assert 'name="max_suppression_bps" value="20"' in page  # 2000 basis points are 20 %
    assert "basis points" not in page and "(bps)" not in page
    listing = staff_client.get(reverse("admin:exchange_dataproduct_changelist"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "¥199.00" in listing and "19900" not in listing

    from django.forms.models import model_to_dict

    data = {k: v for k, v in model_to_dict(product).items() if v is not None and k not in ("source_file", "legal_opinion")}
    data.update(
        price_fen="¥1,299.50",
        max_suppression_bps="2.5%",
        commission_bps="",
        pool_bps="12",
        quasi_identifiers='["age", "gender"]',
        provider=product.provider_id,
        epsilon="0.5",
        **{"versions-TOTAL_FORMS": "0", "versions-INITIAL_FORMS": "0"},
    )
    data.pop("reviewed_by", None)
    response = staff_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.context["adminform"].form.errors
    product.refresh_from_db()
    shares = (product.max_suppression_bps, product.commission_bps, product.pool_bps)
    assert product.price_fen == 129_950
    assert shares == (250, None, 1200)


@pytest.mark.django_db
def test_a_sub_fen_price_is_refused_and_the_input_kept(staff_client):
    world = world_create(people=3)
    product = product_define(world, price_fen=19_900)
    from django.forms.models import model_to_dict

    data = {k: v for k, v in model_to_dict(product).items() if v is not None and k not in ("source_file", "legal_opinion")}
    data.update(
        price_fen="19.995",
        max_suppression_bps="20",
        quasi_identifiers="[]",
        **{"versions-TOTAL_FORMS": "0", "versions-INITIAL_FORMS": "0"},
    )
    data.pop("reviewed_by", None)
    response = staff_client.post(reverse("admin:exchange_dataproduct_change", args=[product.pk]), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "at most two decimals" in response.content.decode()
    assert 'value="19.995"' in response.content.decode()
    product.refresh_from_db()
    assert product.price_fen == 19_900


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", ["exchange_outbox", "exchange_downloadlog", "accounts_auditevent", "exchange_orderrefund", "exchange_querycredit"]
)
def test_logs_and_outbox_rows_cannot_be_added(staff_client, model):
    changelist = staff_client.get(reverse(f"admin:{model}_changelist"))
    assert changelist.status_code == 200
    assert reverse(f"admin:{model}_add") not in changelist.content.decode()
    assert staff_client.get(reverse(f"admin:{model}_add")).status_code == 403


@pytest.mark.django_db
def test_admin_index_is_chinese_with_model_names_translated(staff_client):
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert "待发消息" in page and "下载记录" in page
    assert "Outboxs" not in page and "Download logs" not in page
