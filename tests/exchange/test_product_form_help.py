"""The new-product form says which kind each field is for and explains k, ε and suppression in plain words."""

import pytest

from tests.factories import ProviderFactory, member_of


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "words"), [("en", "nobody can be singled out"), ("zh-hans", "无法从中单独认出任何人")])
def test_the_form_marks_each_field_with_its_kinds_and_explains_k(client, language, words):
    client.force_login(member_of(ProviderFactory()))
    page = client.get("/merchant/products/new/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert words in page
    assert 'data-kinds="records"' in page and 'data-kinds="statistics query"' in page and 'data-kinds="dataset"' in page
    assert "js/product-form.js" in page and "<script>" not in page  # behaviour in a static file, no inline script
