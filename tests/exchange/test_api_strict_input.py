"""The API reads its input as its schema states it (config/api_input.py): unknown fields, numbers sent for
text and empty query values are refused with a message naming the field, and nothing is written."""

import pytest
from rest_framework.test import APIClient

from exchange.models import Order
from exchange.services.api_keys import api_key_create
from payouts.models import TopUp

from .buyer_world import market_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    market = market_create()
    _key, secret = api_key_create(merchant=market.buyer, name="strict", by=market.buyer_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}", HTTP_ACCEPT_LANGUAGE="en")
    client.market = market
    client.secret = secret
    return client


def test_a_misspelt_field_is_refused_instead_of_ignored(api):
    # "plan" for "plan_id" would otherwise buy the default plan without a word.
    response = api.post("/api/v1/orders/", {"product_id": api.market.product.pk, "plan": 3}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"plan": ["This field is not part of this request; check its spelling."]}
    assert not Order.objects.filter(buyer=api.market.buyer).exists()
    in_chinese = APIClient()
    in_chinese.credentials(HTTP_AUTHORIZATION=f"Api-Key {api.secret}", HTTP_ACCEPT_LANGUAGE="zh-hans")
    chinese = in_chinese.post("/api/v1/orders/", {"product_id": api.market.product.pk, "plan": 3}, format="json")
    assert chinese.json()["error"]["fields"]["plan"] == ["此字段不属于该请求，请检查拼写。"]


def test_a_number_is_not_taken_for_text(api):
    topups = TopUp.objects.count()
    response = api.post("/api/v1/wallet/topups/", {"amount_fen": 1000, "bank_reference": 12345}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"bank_reference": ["Send this field as text (a JSON string)."]}
    assert TopUp.objects.count() == topups
    receipt = APIClient().post("/api/v1/receipts/verify/", {"document": 0}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert receipt.status_code == 400 and "document" in receipt.json()["error"]["fields"]


def test_an_empty_query_value_is_refused_not_read_as_the_default(api):
    response = api.get("/api/v1/products/?sort=")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"sort": ["Leave this parameter out or give it a value; it cannot be empty."]}
    assert api.get("/api/v1/products/?kind=").status_code == 200  # an empty kind means "any", as documented


def test_talent_filters_outside_their_values_are_refused(api):
    assert api.get("/api/v1/talent/invitations/?status=AAA").json()["error"]["fields"] == {
        "status": ["Choose a status from the list."]
    }
    assert api.get("/api/v1/talent/invitations/?status=open").status_code == 200
    remote = api.get("/api/v1/talent/search/?remote=null")
    assert remote.status_code == 400 and remote.json()["error"]["fields"] == {"remote": ["Say true or false for remote work."]}


def test_a_query_on_a_product_that_is_no_query_service_is_not_found(api):
    response = api.post(
        f"/api/v1/products/{api.market.product.pk}/queries/", {"template": "candidates_count", "params": {}}, format="json"
    )
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_a_query_service"


def test_the_schema_says_inputs_allow_no_other_field(api):
    schemas = APIClient().get("/api/schema/?format=json").json()["components"]["schemas"]
    for name in ("OrderInput", "TopUpInput", "DownloadLinkInput", "InvitationInput", "ReceiptVerifyInput"):
        assert schemas[name]["additionalProperties"] is False, name
    assert "additionalProperties" not in schemas["ReceiptDocument"]  # a receipt file carries its own fields


def test_the_schema_documents_each_query_templates_params_as_the_registry_states_them(api):
    from privacy.templates import TEMPLATES, params_schema

    schemas = APIClient().get("/api/schema/?format=json").json()["components"]["schemas"]
    body = schemas["QueryRunInput"]
    assert body["discriminator"]["propertyName"] == "template"
    assert set(body["discriminator"]["mapping"]) == set(TEMPLATES)
    assert [{"$ref": ref} for ref in body["discriminator"]["mapping"].values()] == body["oneOf"]
    for name, ref in body["discriminator"]["mapping"].items():
        branch = schemas[ref.rsplit("/", 1)[1]]
        assert branch["additionalProperties"] is False and branch["properties"]["template"]["enum"] == [name]
        assert branch["properties"]["params"] == params_schema(name)
        assert ("params" in branch["required"]) == bool(TEMPLATES[name].required)
