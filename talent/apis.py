"""REST API of the talent console (`/api/v1/talent/…`): search, invite (Idempotency-Key), list, cancel, contact.

No response carries anything that identifies a person who has not accepted this organisation's
invitation: cards and invitations name candidates by the organisation's own handle only. An
accepted invitation's contact details come from its own endpoint, to members only, and each call
is logged as a view the person sees.

Events: when a candidate accepts or declines, an invitation expires or is cancelled, or a
disclosure is withdrawn, the organisation's webhook endpoints receive `invitation.accepted`,
`invitation.declined`, `invitation.expired`, `invitation.cancelled` or
`invitation.disclosure_withdrawn` (exchange/events.py), with the invitation id and the handle.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from accounts.roles import Capability
from config.api_input import StrictInput
from config.errors import ApplicationError
from config.errors import error_responses as _errors
from exchange.apis import (
    _IDEMPOTENCY_PARAMETER,
    COMMON,
    IDEMPOTENCY_HEADER,
    MerchantApi,
    Pagination,
    _page_of,
    idempotent,
    request_merchant,
)
from exchange.exceptions import ObjectMissing

from . import selectors
from .models import Invitation
from .rules import EDUCATION_LEVELS, EXPERIENCE_BANDS, MAX_SKILLS, PROVINCES, ROLE_CATEGORIES, SKILL_IDS
from .services import disclosure_contact, filters_clean, invitation_cancel, invitation_send, talent_search


class CardOutput(serializers.Serializer):
    handle = serializers.CharField(help_text="This organisation's own name for the candidate; other organisations see another.")
    role_category = serializers.CharField()
    province = serializers.CharField(help_text="A province, a region (e.g. 华南) or * when generalised away.")
    years_experience = serializers.CharField(help_text="A band such as 3-5, 0-5 or 6+.")
    education_level = serializers.CharField()
    expected_salary = serializers.CharField(help_text="Yuan a month, a band such as 15000-19999.")
    skills = serializers.ListField(
        child=serializers.CharField(),
        help_text="Skill ids, or skill-family ids where too few of the cards share the skill itself (k^m, m = 2).",
    )


class SearchOutput(serializers.Serializer):
    answered = serializers.BooleanField(
        help_text="False when fewer than k people match, or when the cards fail the independent privacy check: "
        "then no cards and no count."
    )
    k = serializers.IntegerField()
    more = serializers.BooleanField(help_text="More people match than the cards shown: narrow the search.")
    cards = CardOutput(many=True)


class TalentSearchApi(MerchantApi):
    """Anonymous talent search over the vocabulary (verified organisations; rate-limited and logged)."""

    capabilities = {"GET": Capability.READ}

    @extend_schema(
        operation_id="talent_search",
        summary="Search the talent pool",
        parameters=[
            OpenApiParameter("role_category", str, enum=sorted(ROLE_CATEGORIES)),
            OpenApiParameter("province", str, enum=sorted(PROVINCES), description="A province's short Chinese name, e.g. 广东"),
            OpenApiParameter(
                "skills",
                {"type": "array", "items": {"type": "string", "enum": sorted(SKILL_IDS)}, "maxItems": MAX_SKILLS},
                explode=False,
                description="Skill ids from the vocabulary, comma-separated (all must match)",
            ),
            OpenApiParameter("experience", str, enum=sorted(EXPERIENCE_BANDS)),
            OpenApiParameter("education", str, enum=sorted(EDUCATION_LEVELS), description="At least this education level"),
            OpenApiParameter("salary_min", {"type": "integer", "minimum": 0, "maximum": 1_000_000}),
            OpenApiParameter(
                "salary_max",
                {"type": "integer", "minimum": 0, "maximum": 1_000_000},
                description="Yuan a month; not below `salary_min` (a reversed range is refused with 400)",
            ),
            OpenApiParameter("remote", bool),
        ],
        responses={200: SearchOutput, **_errors(400, *COMMON)},
    )
    def get(self, request):
        data = {key: request.query_params.get(key, "") for key in ("role_category", "province", "experience", "education")}
        data.update(
            skills=request.query_params.get("skills", ""),
            salary_min=request.query_params.get("salary_min", ""),
            salary_max=request.query_params.get("salary_max", ""),
            remote=request.query_params.get("remote", ""),
        )
        result = talent_search(merchant=request_merchant(request), by=request.user, filters=filters_clean(data), channel="api")
        return Response(SearchOutput(result).data)


class InvitationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    candidate = serializers.CharField(source="handle")
    job_title = serializers.CharField()
    description = serializers.CharField()
    city = serializers.CharField()
    remote = serializers.BooleanField()
    salary_min = serializers.IntegerField()
    salary_max = serializers.IntegerField()
    fee_fen = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Invitation.Status.choices)
    cancel_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    hired_at = serializers.DateTimeField(allow_null=True)
    contact_available = serializers.SerializerMethodField(
        help_text="True once the candidate accepted and until they withdraw: GET …/contact/ then returns the details."
    )

    def get_contact_available(self, invitation) -> bool:
        disclosure = getattr(invitation, "disclosure", None) if invitation.status == Invitation.Status.ACCEPTED else None
        return bool(disclosure and disclosure.is_active)


_SALARY_MISSING = gettext_lazy("State the monthly salary range: both ends are required.")
SALARY_MISSING = {"required": _SALARY_MISSING, "null": _SALARY_MISSING}


class InvitationInput(StrictInput):
    """The job offered. Beyond what a schema can say: a city unless `remote`, and `salary_max` not below `salary_min`."""

    candidate = serializers.CharField(min_length=1, max_length=32, help_text="The handle from a search card.")
    job_title = serializers.RegexField(r"\S", max_length=120)
    description = serializers.RegexField(r"\S", max_length=4000)
    city = serializers.CharField(
        max_length=40, required=False, default="", allow_blank=True, help_text="Required unless the job is remote."
    )
    remote = serializers.BooleanField(required=False, default=False)
    # Hired's rule: no salary, no invitation. Said as such, in the caller's language, not as "field required".
    salary_min = serializers.IntegerField(
        min_value=1, max_value=1_000_000, help_text="Yuan a month", error_messages=SALARY_MISSING
    )
    salary_max = serializers.IntegerField(
        min_value=1, max_value=1_000_000, help_text="Yuan a month; not below salary_min", error_messages=SALARY_MISSING
    )


class InvitationListCreateApi(MerchantApi):
    capabilities = {"GET": Capability.READ, "POST": Capability.BUY}

    @extend_schema(
        operation_id="talent_invitations_list",
        summary="Invitations this organisation sent",
        parameters=[OpenApiParameter("status", str, enum=Invitation.Status.values)],
        responses={200: _page_of(InvitationOutput), **_errors(400, *COMMON)},
    )
    def get(self, request):
        wanted = request.query_params.get("status", "")
        if "status" in request.query_params and wanted not in Invitation.Status.values:
            raise ApplicationError(
                _("Filter by one of these statuses: %(statuses)s.") % {"statuses": ", ".join(Invitation.Status.values)},
                code="invalid_status",
                fields={"status": [_("Choose a status from the list.")]},
            )
        rows = selectors.invitations_of_merchant(
            merchant=request_merchant(request), status=wanted if wanted in Invitation.Status.values else ""
        ).select_related("disclosure")
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(InvitationOutput(page, many=True).data)

    @extend_schema(
        operation_id="talent_invitations_create",
        summary="Invite a candidate (the fee moves from the wallet into escrow)",
        request=InvitationInput,
        responses={201: InvitationOutput, **_errors(400, 402, 404, 409, 422, *COMMON)},
        parameters=[_IDEMPOTENCY_PARAMETER],
        examples=[
            OpenApiExample(
                "Invitation",
                request_only=True,
                value={
                    "candidate": "c_5f1e0c2d9a7b4e3f8a6d1c0b",
                    "job_title": "Backend engineer",
                    "description": "Build the payments API with a team of six.",
                    "city": "深圳",
                    "remote": False,
                    "salary_min": 25000,
                    "salary_max": 35000,
                },
            )
        ],
    )
    @idempotent
    def post(self, request):
        data = InvitationInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        invitation = invitation_send(
            merchant=request_merchant(request),
            by=request.user,
            handle=values["candidate"],
            job_title=values["job_title"],
            description=values["description"],
            city=values["city"],
            remote=values["remote"],
            salary_min=values["salary_min"],
            salary_max=values["salary_max"],
            idempotency_key=request.headers.get(IDEMPOTENCY_HEADER, "").strip(),
        )
        return Response(InvitationOutput(invitation).data, status=status.HTTP_201_CREATED)


def _invitation(request, invitation_id: int) -> Invitation:
    invitation = selectors.invitation_of_merchant(merchant=request_merchant(request), invitation_id=invitation_id)
    if invitation is None:
        raise ObjectMissing(_("There is no such invitation."))
    return invitation


class InvitationDetailApi(MerchantApi):
    capabilities = {"GET": Capability.READ}

    @extend_schema(summary="One invitation", responses={200: InvitationOutput, **_errors(404, *COMMON)})
    def get(self, request, invitation_id: int):
        return Response(InvitationOutput(_invitation(request, invitation_id)).data)


class InvitationCancelApi(MerchantApi):
    capabilities = {"POST": Capability.BUY}

    @extend_schema(
        summary="Cancel an unanswered invitation (the fee returns to the wallet)",
        request=None,
        responses={200: InvitationOutput, **_errors(404, 409, 422, *COMMON)},
        parameters=[_IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request, invitation_id: int):
        invitation = _invitation(request, invitation_id)
        cancelled = invitation_cancel(invitation=invitation, merchant=request_merchant(request), by=request.user)
        return Response(InvitationOutput(cancelled).data)


class ContactOutput(serializers.Serializer):
    invitation_id = serializers.IntegerField()
    candidate = serializers.CharField()
    name = serializers.CharField(required=False)
    email = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)


class InvitationContactApi(MerchantApi):
    """The contact details of a candidate who accepted, for members only; each call is a view the candidate sees."""

    capabilities = {"GET": Capability.READ}

    @extend_schema(
        summary="The accepted candidate's contact details (logged as a view)",
        responses={200: ContactOutput, **_errors(404, *COMMON)},
    )
    def get(self, request, invitation_id: int):
        invitation = _invitation(request, invitation_id)
        disclosure = selectors.disclosure_of_invitation(invitation=invitation)
        if disclosure is None:
            raise ObjectMissing(_("This candidate has not shared contact details with your organisation."))
        values = disclosure_contact(disclosure=disclosure, viewer=request.user, channel="api")
        return Response({"invitation_id": invitation.pk, "candidate": invitation.handle, **values})
