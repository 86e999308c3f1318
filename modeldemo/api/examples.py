"""Organisers' endpoints for labelled examples: upload a file, then map its labels to tracks.

The same services as the pages: the import is all or nothing and names every bad line; the
label-mapping proposal is made by an ml worker (202 with its job until it is ready).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from conference.api.common import SLUG_PARAMETER, ConferenceMixin
from conference.api.exceptions import Conflict, ErrorSerializer
from conference.api.permissions import IsOrganiser
from conference.api.throttling import TokenWriteThrottle
from modeldemo import label_maps, proposals
from modeldemo.api.serializers import JobSerializer
from modeldemo.forms import ExamplesUploadForm
from talks.selectors import dataset_examples

ML = "machine learning"


class ExamplesUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="JSONL, CSV, schedule.xml or schedule.json")
    dataset = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="default: the file name",
    )
    text_fields = serializers.CharField(max_length=200, default="title,abstract")
    label_field = serializers.CharField(max_length=100, default="label")
    format = serializers.ChoiceField(
        choices=[choice for choice, _label in ExamplesUploadForm.base_fields["format"].choices],
        default="auto",
    )


class ExamplesImportedSerializer(serializers.Serializer):
    dataset = serializers.CharField()
    examples = serializers.IntegerField(help_text="examples the data set holds now")
    labels_needing_mapping = serializers.ListField(child=serializers.CharField())


class ProposalSerializer(serializers.Serializer):
    label = serializers.CharField()
    track = serializers.CharField(allow_null=True)
    score = serializers.FloatField()
    size = serializers.IntegerField()
    examples = serializers.ListField(child=serializers.CharField())


class LabelMappingSerializer(serializers.Serializer):
    dataset = serializers.CharField()
    ready = serializers.BooleanField(help_text="false: the proposal is being made (see job)")
    job = JobSerializer(allow_null=True)
    proposals = ProposalSerializer(many=True)
    mapping = serializers.DictField(
        child=serializers.CharField(allow_null=True),
        help_text="the stored mapping {label: track name, or null to ignore}; {} when none",
    )
    revision = serializers.IntegerField(allow_null=True)


class LabelMappingWriteSerializer(serializers.Serializer):
    mapping = serializers.DictField(
        child=serializers.CharField(allow_null=True, allow_blank=True),
        required=False,
        help_text="{label: track name, or null to ignore}; labels left out are ignored",
    )
    accept = serializers.BooleanField(
        required=False, default=False, help_text="store the app's proposal as it is"
    )

    def validate(self, data):
        if not data.get("accept") and "mapping" not in data:
            raise serializers.ValidationError(_("Give a mapping, or accept: true."))
        return data


@extend_schema(tags=[ML], parameters=[SLUG_PARAMETER])
class ExamplesUpload(ConferenceMixin, APIView):
    permission_classes = [IsOrganiser]
    throttle_classes = [TokenWriteThrottle]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ExamplesUploadSerializer},
        responses={201: ExamplesImportedSerializer, 400: ErrorSerializer},
    )
    def post(self, request, slug: str):
        """Import labelled examples, all or nothing: a bad line imports nothing (400, each
        problem with its line). Labels that are no track must then be mapped."""
        body = ExamplesUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        dataset, errors = label_maps.import_uploaded_examples(
            conference=self.conference, user=request.user, **body.validated_data
        )
        if errors:
            raise exceptions.ValidationError(
                {"file": [f"line {number}: {problem}" for number, problem in errors]}
            )
        return Response(
            ExamplesImportedSerializer(
                {
                    "dataset": dataset,
                    "examples": dataset_examples(dataset=dataset).count(),
                    "labels_needing_mapping": label_maps.labels_needing_mapping(
                        conference=self.conference, dataset=dataset
                    ),
                }
            ).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=[ML], parameters=[SLUG_PARAMETER])
class LabelMappingDetail(ConferenceMixin, APIView):
    permission_classes = [IsOrganiser]

    def _state(self, dataset: str):
        examples = label_maps.source_examples(dataset=dataset)
        if not examples:
            raise exceptions.NotFound(_("No such data set (or it is empty)."))
        state = proposals.proposal_for(
            conference=self.conference, dataset=dataset, examples=examples
        )
        return state

    def _answer(self, dataset: str, state, *, code=status.HTTP_200_OK) -> Response:
        stored = label_maps.label_mapping_for(conference=self.conference, dataset=dataset)
        ready = state.proposals is not None
        return Response(
            LabelMappingSerializer(
                {
                    "dataset": dataset,
                    "ready": ready,
                    "job": None if ready else state.job,
                    "proposals": [p.as_dict() for p in state.proposals or []],
                    "mapping": label_maps.current_mapping(
                        conference=self.conference, stored=stored
                    ),
                    "revision": stored.revision if stored else None,
                }
            ).data,
            status=code if ready else status.HTTP_202_ACCEPTED,
        )

    @extend_schema(responses={200: LabelMappingSerializer, 202: LabelMappingSerializer})
    def get(self, request, slug: str, dataset: str):
        """The proposal for each label and the stored mapping; 202 while an ml worker is still
        making the proposal (poll again, or follow `job`)."""
        return self._answer(dataset, self._state(dataset))

    @extend_schema(
        request=LabelMappingWriteSerializer,
        responses={200: LabelMappingSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
    )
    def put(self, request, slug: str, dataset: str):
        """Store the mapping (or accept the proposal as it is). A changed mapping marks the
        versions trained on the old one stale. 409 when accepting before the proposal is ready."""
        body = LabelMappingWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        state = self._state(dataset)
        if body.validated_data["accept"]:
            if state.proposals is None:
                raise Conflict(_("The proposal is not ready yet: nothing was saved."))
            mapping = {p.label: p.track for p in state.proposals}
        else:
            labels = label_maps.labels_needing_mapping(conference=self.conference, dataset=dataset)
            given = body.validated_data["mapping"]
            unknown = sorted(set(given) - set(labels))
            if unknown:
                raise exceptions.ValidationError(
                    {
                        "mapping": [
                            f"Not a label of {dataset} needing a mapping: {', '.join(unknown)}"
                        ]
                    }
                )
            mapping = {label: given.get(label) or None for label in labels}
        try:
            label_maps.save_label_mapping(
                conference=self.conference,
                dataset=dataset,
                mapping=mapping,
                user=request.user,
                proposals=state.proposals,
            )
        except DjangoValidationError as error:
            raise exceptions.ValidationError({"mapping": error.messages}) from None
        return self._answer(dataset, state)
