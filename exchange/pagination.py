"""Pages of the catalog whose count stops at a cap, as large catalogs show "1,000+".

Counting every match of a broad search reads every match (a term found in every description
matches the whole catalog), which is most of the page's cost. The catalog counts at most
`COUNT_CAP` + 1 matches instead: up to the cap the count is exact, beyond it the page says
"1,000+" and the API answers `count: 1000, count_exact: false`. Paging stays correct past
the cap: a page then reads one row more than it shows, and has a next page when that row exists.

The count's cost grows with the cap, not the catalog: at 100,000 products a search's count of
10,001 rows took 5–38 ms (as much as the rest of the request), of 1,001 rows 1–3 ms (docs/SCALING.md).
"""

from functools import cached_property

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

COUNT_CAP = 1_000
MAX_PAGE = 2**31 - 1


class CappedPaginator(Paginator):
    """A Django paginator that counts at most `cap` matches (see the module docstring)."""

    cap = COUNT_CAP

    @cached_property
    def _counted(self) -> int:
        # Any cap + 1 matches prove "more than the cap": no ordering, no columns but the key.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def count_exact(self) -> bool:
        return self._counted <= self.cap

    @cached_property
    def count(self) -> int:
        """The number of matches, or the cap when more match (then `count_exact` is False)."""
        return min(self._counted, self.cap)

    def validate_number(self, number):
        if self.count_exact:
            return super().validate_number(number)
        # Beyond the cap the last page is not known: a number is valid if its page has rows,
        # which `page` checks when it reads them.
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > MAX_PAGE:  # no catalog reaches it, and its OFFSET stays far inside a bigint
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def get_page(self, number):
        """Lenient, as Django's: past the rows, the last page the count covers (which has rows)."""
        try:
            return super().get_page(number)
        except EmptyPage:
            return self.page(self.num_pages)

    def page(self, number):
        if self.count_exact:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return CappedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)


class CappedPage(Page):
    """A page when more match than the cap: whether a next page exists is read, not computed."""

    def __init__(self, object_list, number, paginator, *, has_more: bool):
        super().__init__(object_list, number, paginator)
        self.has_more = has_more

    def has_next(self) -> bool:
        return self.has_more

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)
