"""Print (and with --accept, store) the proposed mapping of a data set's labels to tracks."""

import json

from django.core.management.base import BaseCommand, CommandError

from conference.models import Conference
from modeldemo import label_maps


class Command(BaseCommand):
    help = "Propose which track each label of an imported data set maps to (or 'ignore')."

    def add_arguments(self, parser):
        parser.add_argument("--conference", required=True, help="the conference's slug")
        parser.add_argument("--dataset", required=True)
        parser.add_argument("--accept", action="store_true", help="store the proposal as is")
        parser.add_argument("--json", action="store_true", help="print the proposal as JSON")

    def handle(self, *args, **options):
        conference = Conference.objects.filter(slug=options["conference"]).first()
        if conference is None:
            raise CommandError(f"{options['conference']}: no such conference")
        if not label_maps.source_examples(dataset=options["dataset"]):
            raise CommandError(f"{options['dataset']}: no such data set (or it is empty)")
        proposals = label_maps.propose_label_mapping(
            conference=conference, dataset=options["dataset"]
        )
        if options["json"]:
            self.stdout.write(json.dumps([p.as_dict() for p in proposals], ensure_ascii=False))
        else:
            write_proposals(self.stdout, proposals)
        if options["accept"]:
            label_maps.save_label_mapping(
                conference=conference,
                dataset=options["dataset"],
                mapping={p.label: p.track for p in proposals},
                proposals=proposals,
            )
            self.stdout.write(self.style.SUCCESS("Mapping stored."))


def write_proposals(out, proposals) -> None:
    for p in proposals:
        target = p.track if p.track else "(ignore)"
        examples = "; ".join(p.examples)
        out.write(f"{p.label} [{p.size}] -> {target}  {p.score:.3f}  e.g. {examples}")
