"""Public API: verify a consent receipt and fetch the public key (`/api/v1/receipts/...`)."""

import base64

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import Access
from config.api_input import StrictInput
from config.errors import error_responses
from config.parsers import json_loads_limited

from .keys import receipt_public_key
from .receipts import ReceiptInvalid, key_id, public_key_pem, public_key_raw, receipt_verify


class ReceiptVerifyInput(StrictInput):
    document = serializers.CharField(min_length=1, max_length=1_000_000, help_text="The receipt file's text")


class ReceiptDocument(serializers.Serializer):
    """A consent receipt as issued (the file itself): its fields, and the exchange's signature over them."""

    signature = serializers.JSONField()


class ReceiptVerifyOutput(serializers.Serializer):
    valid = serializers.BooleanField()
    reason = serializers.CharField(required=False)
    receipt = serializers.DictField(required=False)


class PublicKeyOutput(serializers.Serializer):
    alg = serializers.CharField()
    kid = serializers.CharField()
    public_key_b64 = serializers.CharField()
    pem = serializers.CharField()


class _BodyRequiredSchema(AutoSchema):
    """The request body is required (drf-spectacular cannot tell so for a choice of two shapes)."""

    def _get_request_body(self, direction="request"):
        body = super()._get_request_body(direction)
        if body is not None:
            body["required"] = True
        return body


class ReceiptVerifyApi(APIView):
    """Verify a receipt. Send the receipt file itself as the request body, or `{"document": "<receipt text>"}`."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    access = Access(public=frozenset({"POST"}))
    schema = _BodyRequiredSchema()

    @extend_schema(
        request=PolymorphicProxySerializer(
            component_name="ReceiptVerifyRequest",
            serializers=[ReceiptDocument, ReceiptVerifyInput],
            resource_type_field_name=None,
        ),
        responses={200: ReceiptVerifyOutput, **error_responses(400, 429)},
    )
    def post(self, request):
        body = request.body
        try:
            parsed = json_loads_limited(body)  # size and nesting limits of every API body
        except ParseError:
            parsed = None
        if isinstance(parsed, dict) and "signature" in parsed:
            document = body  # the receipt file as sent, byte for byte
        else:
            serializer = ReceiptVerifyInput(data=request.data)
            serializer.is_valid(raise_exception=True)
            document = serializer.validated_data["document"].encode("utf-8")
        try:
            receipt = receipt_verify(document, receipt_public_key())
        except ReceiptInvalid as exc:
            return Response({"valid": False, "reason": exc.code})
        return Response({"valid": True, "receipt": receipt})


class PublicKeyApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    access = Access(public=frozenset({"GET"}))

    @extend_schema(responses={200: PublicKeyOutput, **error_responses(429)})
    def get(self, request):
        key = receipt_public_key()
        return Response(
            {
                "alg": "Ed25519",
                "kid": key_id(key),
                "public_key_b64": base64.b64encode(public_key_raw(key)).decode(),
                "pem": public_key_pem(key),
            }
        )
