from django.urls import path

from exchange.api_urls import ObjectIdConverter  # noqa: F401  (registers the object_id converter)

from . import apis

urlpatterns = [
    path("talent/search/", apis.TalentSearchApi.as_view(), name="api-talent-search"),
    path("talent/invitations/", apis.InvitationListCreateApi.as_view(), name="api-talent-invitations"),
    path("talent/invitations/<object_id:invitation_id>/", apis.InvitationDetailApi.as_view(), name="api-talent-invitation"),
    path(
        "talent/invitations/<object_id:invitation_id>/cancel/",
        apis.InvitationCancelApi.as_view(),
        name="api-talent-invitation-cancel",
    ),
    path(
        "talent/invitations/<object_id:invitation_id>/contact/",
        apis.InvitationContactApi.as_view(),
        name="api-talent-invitation-contact",
    ),
]
