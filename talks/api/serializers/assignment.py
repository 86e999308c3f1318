"""The reviewer assignment in the API: a team member's profile and bids; the organisers'
proposals (started, read, one pair edited, applied)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from talks.forms_assignment import BID_CHOICES
from talks.models import AssignmentProposal, ReviewerProfile

EXPERTISE_MAX = ReviewerProfile._meta.get_field("expertise").max_length


class ReviewerProfileSerializer(serializers.Serializer):
    expertise = serializers.CharField(max_length=EXPERTISE_MAX, allow_blank=True, default="")
    tracks = serializers.ListField(
        child=serializers.SlugField(), default=list, help_text="slugs of tracks of interest"
    )
    cap = serializers.IntegerField(
        min_value=0,
        max_value=1000,
        allow_null=True,
        default=None,
        help_text="at most this many submissions; null: the conference's default",
    )
    use_history = serializers.BooleanField(
        default=True, help_text="use the abstracts you wrote or reviewed before"
    )
    default_cap = serializers.IntegerField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def validate_tracks(self, slugs):
        conference = self.context["conference"]
        found = {track.slug: track for track in conference.tracks.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise serializers.ValidationError(
                f"No such track in this conference: {', '.join(missing[:5])}."
            )
        return [found[slug] for slug in dict.fromkeys(slugs)]


class BidSubmissionSerializer(serializers.Serializer):
    """One submission of the bids list: your bid, and a conflict of interest if there is one."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    track = serializers.CharField(allow_null=True, help_text="the (suggested) track's slug")
    bid = serializers.CharField(help_text="eager, willing, not, conflict; empty: no bid")
    conflict = serializers.CharField(
        allow_null=True, help_text="speaker, co_speaker, declared, affiliation or email_domain"
    )


class BidPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="submissions you may bid on")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = BidSubmissionSerializer(many=True)


class BidSerializer(serializers.Serializer):
    submission = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    level = serializers.ChoiceField(choices=[value for value, _label in BID_CHOICES])


class BidsSerializer(serializers.Serializer):
    bids = BidSerializer(many=True, allow_empty=False, max_length=500)

    def validate_bids(self, bids):
        ids = [bid["submission"] for bid in bids]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError(_("A submission is named twice."))
        return bids


class BidsResultSerializer(serializers.Serializer):
    changed = serializers.IntegerField()


class PairSerializer(serializers.Serializer):
    submission = serializers.IntegerField()
    reviewer = serializers.IntegerField(help_text="the reviewer's user id")
    affinity = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    kept = serializers.BooleanField(help_text="an assignment made before this proposal")
    edited = serializers.BooleanField(default=False)


class AssignmentProposalSerializer(serializers.ModelSerializer):
    pairs = serializers.SerializerMethodField()
    unfilled = serializers.DictField(
        child=serializers.CharField(), help_text="{submission id: why it has fewer than k}"
    )
    stats = serializers.DictField()

    class Meta:
        model = AssignmentProposal
        fields = [
            "id",
            "status",
            "created_at",
            "params",
            "pairs",
            "unfilled",
            "stats",
            "error",
            "applied_at",
        ]

    @extend_schema_field(PairSerializer(many=True))
    def get_pairs(self, proposal):
        pairs = [{"edited": False, "reasons": [], "kept": False} | p for p in proposal.pairs or []]
        return PairSerializer(pairs, many=True).data


class StartAssignmentProposalSerializer(serializers.Serializer):
    k = serializers.IntegerField(
        min_value=1,
        max_value=20,
        required=False,
        allow_null=True,
        default=None,
        help_text="reviewers per submission; default: the conference's setting",
    )


class EditPairSerializer(serializers.Serializer):
    submission = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    old_reviewer = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        allow_null=True,
        required=False,
        default=None,
        help_text="the reviewer to replace; null: fill a missing place",
    )
    new_reviewer = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class ApplyResultSerializer(serializers.Serializer):
    added = serializers.IntegerField()
    already = serializers.IntegerField()
    skipped_conflicts = serializers.IntegerField()
    mails = serializers.IntegerField(help_text="e-mails held in the outbox, one per reviewer")
    proposal = AssignmentProposalSerializer()
