"""Print the top-3 tracks for a text."""

from django.core.management.base import BaseCommand, CommandError

from conference.models import Conference
from modeldemo import services
from modeldemo.management.commands._common import version_or_folder


class Command(BaseCommand):
    help = 'Categorise a text: categorise "Title. Abstract" --conference SLUG | --model NAME'

    def add_arguments(self, parser):
        parser.add_argument("text")
        parser.add_argument("--conference", help="use the conference's current categoriser")
        parser.add_argument("--model", help="a version name (mlp-v3) or a model folder")

    def handle(self, *args, **options):
        if options["model"]:
            categoriser = version_or_folder(options["model"])
        else:
            conference = Conference.objects.filter(slug=options["conference"] or "").first()
            if conference is None:
                raise CommandError("Give --model, or --conference with an existing slug.")
            categoriser, _mapping, _version = services.categoriser_for_conference(
                conference=conference
            )
            if categoriser is None:
                raise CommandError("That conference has no tracks to categorise into.")
        for label, probability in categoriser.predict([options["text"]], k=3)[0]:
            self.stdout.write(f"{probability:6.1%}  {label}")
