"""The agenda's grid and list joined from entries rendered once per programme and process.

An agenda page that is not stored whole (a search, a logged-in visitor: scheduling.middleware
keeps only the anonymous unsearched ones) used to render each entry of its day through the
templates: about 100 µs an entry, 17 ms for a day of 167 talks, where the search itself takes
0.1 ms. An entry's cell or list item is the same for everybody who sees its programme, except
the star form of a logged-in visitor: whether they starred the talk (both variants are kept),
their CSRF token and the page's own address (holes, filled per page). So each entry is rendered
once per programme, language, kind (grid cell or list item) and page addresses, by the agenda's
own tag (scheduling.templatetags.scheduling.agenda_entry, so the markup and its escaping are
the templates'), and a page joins the fragments of the entries it shows in the order of
_grid_table.html and _list.html (tests/scheduling/views/test_agenda_fragments.py renders both
ways and compares).

The fragments are kept per programme: a new release is a new programme, and so is a speaker's
changed profile (scheduling.views.public.live_programme), so new text shows at once. They are
kept for the last STORES_KEPT programmes a page asked for (weakly: not beyond the programme
either): a fragment takes ~2 KB (a star makes it a two-byte string), so a 1,000-talk programme
seen in both languages, grid and list, anonymous and logged in keeps about 16-24 MB. The
organisers' preview (a programme per request) keeps none.

What is around the entries is kept the same way (`kept_page`): the agenda's body (header,
filter form, day tabs) per programme, language, day, view and valid filters, with holes for
what a search changes (its words, the day counts, the links' query, the joined grid or list),
and the page around the body (base.html) per conference, language, logged in or not and
speaker or not, with holes for the body, the CSRF token, the page's address and the user name:
a searched page then renders no template. The holes are filled as {{ value }} writes them.
"""

from __future__ import annotations

import re
import secrets
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from types import SimpleNamespace

from django.middleware.csrf import get_token
from django.template import Context
from django.template.base import render_value_in_context
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from scheduling.programme import Entry, GridRow, Programme, Room
from scheduling.templatetags.scheduling import agenda_entry

# Holes in a logged-in visitor's star form, filled per page. The entry's text (user text) goes
# in after the cut (BODY), so only our own markup is cut, and a fragment's pieces alternate:
# text, hole, text, hole, text.
TOKEN = "\x00token\x00"
NEXT = "\x00next\x00"
BODY = "\x00body\x00"
HOLES = re.compile("(\x00token\x00|\x00next\x00)")
# Filter widgets per programme and language: valid filter values only, a few combinations.
WIDGETS_KEPT = 32
FILTER_FIELDS = ("track", "room", "format", "level")


class Page:
    """What one page's entries share: its programme, its address templates
    (scheduling.links.page_templates; none in the organisers' preview), the visitor and the
    talks they starred."""

    def __init__(
        self, *, programme: Programme, request, links: dict, starred: set, keep: bool = True
    ):
        self.programme = programme
        self.store = _store(programme) if keep else _Store()
        self.request = request
        self.links = links
        self.starred = starred
        self.stars = bool(links.get("star_url")) and request.user.is_authenticated
        self._holes: dict | None = None
        self._kinds: dict[bool, dict] = {}

    def holes(self) -> dict:
        """The holes' text, worked out on the first logged-in star (as {% csrf_token %}, one
        token for the page)."""
        if self._holes is None:
            self._holes = {
                TOKEN: escape(get_token(self.request)),
                NEXT: escape(self.request.get_full_path()),
            }
        return self._holes

    def fragments(self, with_room: bool) -> dict:
        """The programme's fragments of this kind, language and addresses: {(entry id,
        variant): pieces}."""
        kind = self._kinds.get(with_room)
        if kind is None:
            key = (with_room, get_language(), *(self.links.get(name, "") for name in LINKS))
            with _LOCK:
                kind = self._kinds[with_room] = self.store.entries.setdefault(key, {})
        return kind


class _Store:
    def __init__(self):
        self.entries: dict[tuple, dict] = {}
        self.widgets: OrderedDict[tuple, dict] = OrderedDict()
        self.shells: OrderedDict[tuple, tuple[str, ...]] = OrderedDict()


# In the order last asked for.
_STORES: weakref.WeakKeyDictionary[Programme, _Store] = weakref.WeakKeyDictionary()
STORES_KEPT = 3
_LOCK = threading.Lock()
LINKS = ("talk_url", "speaker_url", "star_url", "latest_talk_url")


def _store(programme: Programme) -> _Store:
    with _LOCK:
        store = _STORES.pop(programme, None) or _Store()
        _STORES[programme] = store
        while len(_STORES) > STORES_KEPT:
            del _STORES[next(iter(_STORES))]
        return store


def entry_html(entry: Entry, *, page: Page, with_room: bool) -> str:
    """What {% agenda_entry entry with_room %} renders on this page."""
    variant = "anonymous"
    if page.stars and entry.talk is not None:
        variant = "starred" if entry.talk.id in page.starred else "plain"
    fragments = page.fragments(with_room)
    pieces = fragments.get((entry.id, variant))
    if pieces is None:
        pieces = fragments[(entry.id, variant)] = _render(page, entry, variant, with_room)
    if len(pieces) == 1:
        return pieces[0]
    holes = page.holes()
    return "".join(holes[piece] if index % 2 else piece for index, piece in enumerate(pieces))


def _render(page: Page, entry: Entry, variant: str, with_room: bool) -> tuple[str, ...]:
    """The tag's output for a visitor of this variant, cut at the holes."""
    visitor = SimpleNamespace(
        user=SimpleNamespace(is_authenticated=variant != "anonymous"),
        get_full_path=lambda: NEXT,
    )
    starred = {entry.talk.id} if variant == "starred" else set()
    context = Context(
        {"request": visitor, "programme": page.programme, "starred": starred, **page.links}
    )
    values = agenda_entry(context, entry, with_room)
    body = values["body"]
    values["body"] = BODY
    values["csrf_token"] = TOKEN  # what {% csrf_token %} reads
    pieces = HOLES.split(get_template("scheduling/_entry.html").render(values))
    return tuple(
        piece if index % 2 else piece.replace(BODY, body, 1) for index, piece in enumerate(pieces)
    )


def grid_table(grid: list[GridRow], rooms: list[Room], *, page: Page) -> SafeString:
    """_grid_table.html of the public agenda (not the editor's)."""
    out = [
        '\n<table class="agenda-grid">\n<thead>\n<tr><th scope="col" class="time">',
        escape(_("Time")),
        "</th>",
    ]
    out += [f'<th scope="col">{escape(room.name)}</th>' for room in rooms]
    out.append("</tr>\n</thead>\n<tbody>\n")
    for row in grid:
        out.append(f'<tr><th scope="row" class="time">{escape(row.label)}</th>')
        for cell in row.cells:
            if cell is None:
                out.append("<td></td>")
                continue
            out.append("<td")
            if cell.rowspan > 1:
                out.append(f' rowspan="{cell.rowspan}"')
            if cell.colspan > 1:
                out.append(f' colspan="{cell.colspan}"')
            out.append(">")
            out += [entry_html(entry, page=page, with_room=False) for entry in cell.entries]
            out.append("</td>")
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n")
    return mark_safe("".join(out))  # our markup; user text escaped here or in the templates


def agenda_list(entries: list[Entry], *, page: Page) -> SafeString:
    """_list.html."""
    out = ['\n<ol class="agenda-list">\n  ']
    for entry in entries:
        out += ["\n    <li>", entry_html(entry, page=page, with_room=True), "</li>\n  "]
    if not entries:
        out += ['\n    <li class="muted">', escape(_("Nothing on this day matches.")), "</li>\n  "]
    out.append("\n</ol>\n")
    return mark_safe("".join(out))  # as grid_table


def filter_widgets(programme: Programme, form, *, keep: bool = True) -> dict | None:
    """The filter form's four selects as {{ form.track }} renders them, kept per programme,
    language and values when the form is valid (unbound or valid values only: a few choices
    each, so nobody can fill the store with junk); None otherwise, or without `keep` (the page
    renders them)."""
    if not keep or (form.is_bound and not form.is_valid()):
        return None
    key = (get_language(), form.is_bound, *(form.data.get(name) for name in FILTER_FIELDS))
    store = _store(programme)
    with _LOCK:
        widgets = store.widgets.get(key)
        if widgets is not None:
            store.widgets.move_to_end(key)
            return widgets
    widgets = {name: mark_safe(str(form[name])) for name in FILTER_FIELDS}  # Django's widgets
    with _LOCK:
        store.widgets[key] = widgets
        while len(store.widgets) > WIDGETS_KEPT:
            store.widgets.popitem(last=False)
    return widgets


# Pages kept with holes (`kept_page`): a NUL, this process's nonce and the hole's name. No user
# text can write one: PostgreSQL's text and Django's form fields refuse NUL, and nobody knows
# the nonce.
_NONCE = secrets.token_hex(8)
_SHELL_HOLE = re.compile(f"\x00{_NONCE}(\\w+)\x00")
# Shells per programme: days × views × valid filters × languages, each a few KB.
SHELLS_KEPT = 128
# Off in the tests that render each page both ways.
KEEP_SHELLS = True


def hole(name: str) -> SafeString:
    """A stand-in for a per-page value, for a template that `kept_page` renders once."""
    return mark_safe(f"\x00{_NONCE}{name}\x00")


def kept_page(
    programme: Programme | None,
    key: tuple,
    render: Callable[[Callable[[str], object]], str],
    values: dict,
    *,
    keep: bool = True,
) -> str:
    """The page that `render(value)` makes, where `value(name)` is what goes in a per-page
    value's place: rendered once per programme (None: per process) and `key` with
    `hole(name)` there and kept for the last SHELLS_KEPT keys, each hole then filled with
    `values[name]` as {{ value }} writes it (escaped unless safe). Without `keep` (or
    KEEP_SHELLS), rendered each time with the values themselves."""
    if not (keep and KEEP_SHELLS):
        return render(values.__getitem__)
    store = _store(programme) if programme is not None else _PROCESS_STORE
    with _LOCK:
        pieces = store.shells.get(key)
        if pieces is not None:
            store.shells.move_to_end(key)
    if pieces is None:
        pieces = tuple(_SHELL_HOLE.split(render(hole)))
        with _LOCK:
            store.shells[key] = pieces
            while len(store.shells) > SHELLS_KEPT:
                store.shells.popitem(last=False)
    context = Context(autoescape=True)
    return "".join(
        render_value_in_context(values[piece], context) if index % 2 else piece
        for index, piece in enumerate(pieces)
    )


# Pages that are no programme's (the agenda's frame around its body: per conference).
_PROCESS_STORE = _Store()
