"""OpenAPI links of the merchant API: which answer supplies the ids the next call needs.

A client (or schemathesis' stateful phase) follows them as a buyer does: search the catalog,
look at a product, buy it (once, or a credit pack on its cheapest plan), read the order, its
invoice and its download link, run a query on the query service it bought; list subscriptions
and cancel one; search talent, invite, read, cancel. Added to the schema by a drf-spectacular
postprocessing hook (settings `POSTPROCESSING_HOOKS`). A link is named after its target
operation unless it names `operationId` itself (two links to one operation).
"""

FIRST = "$response.body#/results/0/id"
OWN = "$response.body#/id"

_ORDER_FOLLOWS = ("orders_retrieve", "orders_download_link_create", "invoices_retrieve")
_INVITATION_FOLLOWS = (
    "talent_invitations_retrieve",
    "talent_invitations_cancel_create",
    "talent_invitations_contact_retrieve",
)

# operationId → status → {target operationId: {"parameters": {...}} or {"requestBody": {...}}}
LINKS: dict[str, dict[str, dict[str, dict]]] = {
    "products_list": {
        "200": {
            "products_retrieve": {"parameters": {"product_id": FIRST}},
            "products_versions_retrieve": {"parameters": {"product_id": FIRST}},
            "products_queries_create": {"parameters": {"product_id": FIRST}},
            "orders_create": {"requestBody": {"product_id": FIRST}},
        }
    },
    "products_retrieve": {
        "200": {
            "orders_create": {"requestBody": {"product_id": OWN}},
            "orders_create_cheapest_plan": {
                "operationId": "orders_create",
                "requestBody": {"product_id": OWN, "plan_id": "$response.body#/plans/0/id"},
            },
            "products_queries_create": {"parameters": {"product_id": OWN}},
        }
    },
    "orders_create": {
        "201": {
            **{target: {"parameters": {"order_id": OWN}} for target in _ORDER_FOLLOWS},
            "products_queries_create": {"parameters": {"product_id": "$response.body#/product_id"}},
        }
    },
    "orders_list": {
        "200": {
            **{target: {"parameters": {"order_id": FIRST}} for target in _ORDER_FOLLOWS},
            "products_retrieve": {"parameters": {"product_id": "$response.body#/results/0/product_id"}},
            "products_queries_create": {"parameters": {"product_id": "$response.body#/results/0/product_id"}},
        }
    },
    "orders_retrieve": {
        "200": {
            "products_retrieve": {"parameters": {"product_id": "$response.body#/product_id"}},
            "orders_download_link_create": {"parameters": {"order_id": OWN}},
            "invoices_retrieve": {"parameters": {"order_id": OWN}},
        }
    },
    "entitlements_list": {
        "200": {
            "orders_retrieve": {"parameters": {"order_id": "$response.body#/0/order_id"}},
            "products_retrieve": {"parameters": {"product_id": "$response.body#/0/product_id"}},
        }
    },
    "credits_list": {
        "200": {
            "products_retrieve": {"parameters": {"product_id": "$response.body#/0/product_id"}},
            "products_queries_create": {"parameters": {"product_id": "$response.body#/0/product_id"}},
        }
    },
    "invoices_list": {
        "200": {
            "orders_retrieve": {"parameters": {"order_id": "$response.body#/results/0/order_id"}},
            "invoices_retrieve": {"parameters": {"order_id": "$response.body#/results/0/order_id"}},
        }
    },
    "subscriptions_retrieve": {
        "200": {
            "subscriptions_cancel_create": {"parameters": {"subscription_id": FIRST}},
            "products_retrieve": {"parameters": {"product_id": "$response.body#/results/0/product_id"}},
        }
    },
    "talent_invitations_create": {"201": {target: {"parameters": {"invitation_id": OWN}} for target in _INVITATION_FOLLOWS}},
    "talent_invitations_list": {"200": {target: {"parameters": {"invitation_id": FIRST}} for target in _INVITATION_FOLLOWS}},
}


def api_links_added(result, generator, request, public):
    """drf-spectacular postprocessing hook: write `LINKS` into the responses they start from."""
    operations = {
        operation.get("operationId"): operation
        for path in result.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict)
    }
    for source, by_status in LINKS.items():
        operation = operations.get(source)
        if operation is None:
            continue
        for status, targets in by_status.items():
            response = operation.get("responses", {}).get(status)
            if response is None:
                continue
            links = response.setdefault("links", {})
            for name, link in targets.items():
                target = link.get("operationId", name)
                if target in operations:
                    links[name] = {"operationId": target, **link}
    return result
