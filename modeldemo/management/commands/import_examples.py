"""Import labelled examples (past programmes) from JSONL, CSV or a schedule, all or nothing.

A .xml file (frab/pretalx schedule.xml) and a .json file holding one schedule.json or c3voc
submission document are read as schedules: title + abstract of each talk, labelled with its
track (events without a track are left out and counted).

With --conference and --map, the labels that are no track of the conference are then mapped:
"auto" stores the app's proposal as is, "ask" asks for each label, a JSON file gives
{label: track name or null (ignore)}.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from conference.models import Conference
from modeldemo import label_maps
from modeldemo.datasets import read_labelled_file
from modeldemo.management.commands.map_labels import write_proposals
from talks.services import import_labelled_examples


class Command(BaseCommand):
    help = (
        "Import (text, label) examples from a JSONL or CSV file or a schedule (.xml, .json). "
        "Any bad line: nothing imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--text-fields", default="title,abstract")
        parser.add_argument("--label-field", default="label")
        parser.add_argument("--dataset", help="name of the data set (default: the file name)")
        parser.add_argument(
            "--format", choices=["auto", "jsonl", "csv", "schedule"], default="auto"
        )
        parser.add_argument("--conference", help="slug of the conference to map the labels for")
        parser.add_argument("--map", help="auto, ask, or a JSON file {label: track or null}")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        parsed = read_labelled_file(
            path,
            text_fields=[f.strip() for f in options["text_fields"].split(",") if f.strip()],
            label_field=options["label_field"],
            fmt=options["format"],
        )
        if parsed.errors:
            for number, problem in parsed.errors:
                where = f"{path.name}, line {number}" if number else path.name
                self.stderr.write(f"{where}: {problem}")
            raise CommandError(f"{len(parsed.errors)} bad line(s); nothing was imported.")
        if not parsed.rows:
            raise CommandError(f"{path}: no examples found.")
        dataset = options["dataset"] or path.name
        conference = None
        if options["conference"]:
            conference = Conference.objects.filter(slug=options["conference"]).first()
            if conference is None:
                raise CommandError(f"{options['conference']}: no such conference")
        given = _read_map(options["map"]) if options["map"] not in (None, "auto", "ask") else None
        created, skipped = import_labelled_examples(rows=parsed.rows, dataset=dataset)
        if parsed.skipped:
            self.stdout.write(f"Left out {len(parsed.skipped)} event(s) without a track.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {created} examples into data set {dataset!r}; "
                f"skipped {skipped} duplicates."
            )
        )
        if conference is not None:
            self._map(conference, dataset, options["map"], given)

    def _map(self, conference, dataset, how, given) -> None:
        needing = label_maps.labels_needing_mapping(conference=conference, dataset=dataset)
        if not needing:
            self.stdout.write("Every label is a track of the conference: nothing to map.")
            return
        if how is None:
            self.stdout.write(
                f"{len(needing)} label(s) are no track of {conference.slug}: map them with "
                f"map_labels --conference {conference.slug} --dataset {dataset!r}."
            )
            return
        proposals = label_maps.propose_label_mapping(conference=conference, dataset=dataset)
        mapping = {p.label: p.track for p in proposals}
        if given is not None:
            mapping = {label: given.get(label) for label in mapping}
        elif how == "ask":
            mapping = self._ask(proposals, [t.name for t in conference.tracks.all()])
        else:
            write_proposals(self.stdout, proposals)
        try:
            label_maps.save_label_mapping(
                conference=conference, dataset=dataset, mapping=mapping, proposals=proposals
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        mapped = sum(1 for track in mapping.values() if track)
        self.stdout.write(
            self.style.SUCCESS(f"Mapped {mapped} label(s), ignored {len(mapping) - mapped}.")
        )

    def _ask(self, proposals, tracks) -> dict:
        self.stdout.write("Tracks: " + ", ".join(tracks))
        mapping = {}
        for p in proposals:
            proposed = p.track or "-"
            while True:
                answer = input(f"{p.label} [{p.size}] -> {proposed}? (Enter, a track, - ignores) ")
                answer = answer.strip() or proposed
                if answer == "-" or answer in tracks:
                    break
                self.stdout.write(f"{answer!r} is no track.")
            mapping[p.label] = None if answer == "-" else answer
        return mapping


def _read_map(path: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise CommandError(f"{path}: expected a JSON object {{label: track or null}}")
    return data
