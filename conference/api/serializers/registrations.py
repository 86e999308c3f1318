"""What organisers read of registrations, and a check-in's answer."""

from rest_framework import serializers

from conference.models import Registration


class RegistrationSerializer(serializers.ModelSerializer):
    ticket_type = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "name",
            "email",
            "organisation",
            "ticket_type",
            "state",
            "check_in_code",
            "created_at",
            "confirmed_at",
            "checked_in_at",
        ]


class CheckInSerializer(serializers.Serializer):
    registration = RegistrationSerializer()
    checked_in_now = serializers.BooleanField()
