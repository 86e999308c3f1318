"""The public agenda's search (scheduling.programme): a substring, case and accents ignored."""

import pytest

from scheduling.programme import Filters, Programme

TALKS = [
    (1, "Jürgen Müller on tokenisers", "Subword units.", "José García"),
    (2, "大模型推理加速", "在生产环境中部署大语言模型", "王芳"),
    (3, "Serving large models", "Batching and caching at scale.", "Zoë Ångström"),
]


def _programme() -> Programme:
    items = [
        {
            "id": n,
            "kind": "talk",
            "room": 1,
            "start": f"2027-05-10T0{n}:00:00+00:00",
            "end": f"2027-05-10T0{n}:30:00+00:00",
            "talk": {"id": n, "title": title, "abstract": abstract, "speakers": [n]},
        }
        for n, title, abstract, _name in TALKS
    ]
    items.append(
        {
            "id": 9,
            "kind": "break",
            "title": "Coffee",
            "room": None,
            "start": "2027-05-10T08:00:00+00:00",
            "end": "2027-05-10T08:30:00+00:00",
        }
    )
    return Programme(
        {
            "conference": {"start_date": "2027-05-10", "end_date": "2027-05-10"},
            "rooms": [{"id": 1, "name": "Hall"}],
            "tracks": [],
            "speakers": [{"id": n, "name": name} for n, _t, _a, name in TALKS],
            "items": items,
        }
    )


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("muller", ["Jürgen Müller on tokenisers"]),
        ("MÜLLER", ["Jürgen Müller on tokenisers"]),
        ("jose", ["Jürgen Müller on tokenisers"]),  # a speaker's name, without its accent
        ("  Jürgen MULLER ", ["Jürgen Müller on tokenisers"]),
        ("jose garcia", ["Jürgen Müller on tokenisers"]),
        ("garcia jose", []),  # the words in their order, as before
        ("angstrom", ["Serving large models"]),
        ("model", ["Serving large models"]),  # part of a word
        ("模型", ["大模型推理加速"]),  # Chinese by substring
        ("语言", ["大模型推理加速"]),
        ("   ", [title for _n, title, _a, _s in TALKS] + ["Coffee"]),  # no search: breaks stay
    ],
)
def test_agenda_search_ignores_case_and_accents(query, titles):
    programme = _programme()

    found = programme.filter(Filters(search=query))

    assert sorted(e.title for e in found) == sorted(titles)


def test_agenda_search_twice_gives_the_same_talks():
    programme = _programme()

    first = [e.id for e in programme.filter(Filters(search="scale"))]
    second = [e.id for e in programme.filter(Filters(search="scale"))]

    assert first == second == [3]
