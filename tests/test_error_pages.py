"""Translated 404 and 500 pages, and the favicon every page links."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title"), [("zh-hans", "页面不存在"), ("en", "Page not found")])
def test_a_missing_page_answers_404_in_the_readers_language(client, language, title):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    page = response.content.decode()
    assert title in page
    assert 'id="error-404"' in page
    assert "img/favicon.svg" in page


@pytest.mark.parametrize(("language", "title"), [("zh-hans", "出错了"), ("en", "Something went wrong")])
def test_the_500_page_is_translated_and_needs_no_database(language, title):
    # No django_db mark: a query here would fail the test.
    request = RequestFactory().get("/")
    with translation.override(language):
        response = server_error(request)
    assert response.status_code == 500
    page = response.content.decode()
    assert title in page and 'id="error-500"' in page
    assert f'lang="{language}"' in page


def test_the_favicon_is_a_static_file():
    from django.contrib.staticfiles import finders

    assert finders.find("img/favicon.svg") and finders.find("img/favicon.png")
