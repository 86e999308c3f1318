"""The public agenda and the exports answered from the cache before sessions, users, messages
and templates.

An anonymous visitor's agenda page and the exports are the same for everybody who reads them
in one language, at one address (their stars live in the browser). So `PageCacheMiddleware`
keeps the whole response (headers, body, and the body as deflate segments for gzip) in Django's
cache, keyed by scheme, host, path, the query's non-empty parameters and the language, and
answers the next such request with one cache read and one small SQL query:
`page_stamp`, which says whether the conference's latest release, its speakers' profiles or
its name changed since. A browser or a CDN that revalidates with the page's ETag or
Last-Modified gets a 304 without a body.

Only a view says what may be stored (`cacheable_page`), after it checked that the request
asks for a page that exists: a request with junk in its query is never stored, so nobody can
fill the cache. Requests with a session or a messages cookie never read the cache (a logged-in
person sees their own stars, a message must show), nor do searches (`?q=`, never stored: a
read that always misses cost a searched page a Redis round trip), and a response that sets a
cookie other than the CSRF cookie is never stored (the CSRF token is put in afresh for each
visitor).
"""

from __future__ import annotations

import gzip
import hashlib
import re
import struct
import zlib
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

from conference.models import Conference
from scheduling.models import Release
from talks.models import SpeakerProfile

PAGE_SECONDS = 24 * 3600
GZIP = re.compile(r"\bgzip\b")
# Kept from the response that was stored; everything else is made afresh (Date by the server,
# the security headers by SecurityMiddleware, which sits outside this one).
_HOP_BY_HOP = {"connection", "date", "set-cookie"}


def page_key(request) -> str:
    """Where an anonymous GET's response is kept (gzipped or not). The parameters with a
    value are sorted, so that `?view=list&day=` and `?view=list` share one page; the language
    is the one LocaleMiddleware will pick (cookie, then Accept-Language: no i18n_patterns)."""
    language = translation.get_language_from_request(request)
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(request.META.get("QUERY_STRING", "")) if v)
    )
    address = f"{request.scheme}://{request.META.get('HTTP_HOST', '')}{request.path}?{query}"
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return f"scheduling:page:{language}:{digest}"


def _stamp_sql() -> str:
    conferences = Conference._meta.db_table
    releases = Release._meta.db_table
    profiles = SpeakerProfile._meta.db_table
    latest = f"FROM {releases} r WHERE r.conference_id = c.id ORDER BY r.number DESC LIMIT 1"
    return (
        f"SELECT c.name || '|' || c.name_zh, (SELECT r.id {latest}), "
        f"(SELECT r.published_at {latest}), (SELECT MAX(p.updated_at) FROM {profiles} p) "
        f"FROM {conferences} c WHERE c.id = %s"
    )


_STAMP_SQL: str | None = None


def page_stamp(*, conference_id: int) -> tuple[str, datetime | None]:
    """(stamp, last modified) of what a conference's public pages show (one query): its
    names (English and Chinese), its latest release and when any speaker profile last changed.
    A stored page whose stamp differs is stale. Every profile counts, not only those of this
    conference's speakers: a change elsewhere costs a page one more rendering, never a stale
    name, and the max over one table is a small fraction of a millisecond where the join to
    this conference's speakers took 15 ms at 1,000 talks (an index on updated_at would make it
    a lookup)."""
    global _STAMP_SQL
    if _STAMP_SQL is None:
        _STAMP_SQL = _stamp_sql()
    with connection.cursor() as cursor:
        cursor.execute(_STAMP_SQL, [conference_id])
        row = cursor.fetchone()
    if row is None:
        return "", None
    name, release_id, published, people = row
    published, people = _moment(published), _moment(people)
    stamp = f"{conference_id}|{name}|{release_id}|{published and published.timestamp()}|"
    stamp += f"{people and people.timestamp()}"
    moments = [moment for moment in (published, people) if moment is not None]
    return stamp, max(moments) if moments else None


def _moment(value) -> datetime | None:
    """A raw cursor's date-time: aware on PostgreSQL, text on SQLite."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def cacheable_page(request, *, conference_id: int, kind: str) -> HttpResponseNotModified | None:
    """Say that this request's response is the same for everybody of its language (for an
    anonymous visitor, or everybody). Call it before the view reads the release: the stamp
    taken now can only make the stored page look older than it is, never newer. Sets the
    page's validators (ETag: the kind of page, the latest release, the language and a digest
    of the stamp and the address; Last-Modified: the release's publication or the last
    profile change after it) and answers a 304 right away when the browser has this page
    already; None: go on and render."""
    stamp, modified = page_stamp(conference_id=conference_id)
    release_id = stamp.rsplit("|", 3)[1] if stamp else ""
    language = translation.get_language()
    digest = hashlib.blake2b(f"{stamp}|{page_key(request)}".encode(), digest_size=8).hexdigest()
    # Weak: the same page gzipped or not (GZipMiddleware would weaken it anyway).
    etag = f'W/"{kind}-{release_id}-{language}-{digest}"'
    request.page_cache = {
        "conference": conference_id,
        "stamp": stamp,
        "etag": etag,
        "modified": modified,
    }
    conditional = get_conditional_response(
        request, etag=etag, last_modified=modified and int(modified.timestamp())
    )
    if conditional is None:
        return None
    _validators(conditional, request.page_cache)
    return conditional


def not_cacheable(request) -> None:
    """This request's response is personal after all (a search term, a filter of nothing)."""
    request.page_cache = None


def _validators(response, page: dict) -> None:
    response["ETag"] = page["etag"]
    if page["modified"] is not None:
        response["Last-Modified"] = http_date(page["modified"].timestamp())
    # Browsers and CDNs keep it, and ask each time whether it is still current (a 304).
    response["Cache-Control"] = "no-cache"
    # The language comes from the cookie or Accept-Language.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))


class PageCacheMiddleware:
    """Sits after SecurityMiddleware and WhiteNoise, before GZipMiddleware and sessions.

    Every page has the language switcher's form, whose CSRF token belongs to one visitor: the
    stored page keeps the text around it, and each answer puts in a token of the visitor's
    own CSRF cookie (made and set as CsrfViewMiddleware would). A page is kept twice, as text
    and gzipped, and an answer reads only the one it sends. The gzipped one is deflate
    segments cut at the tokens (each ends with a full flush, so none refers back to another)
    and what the tokens add to the gzip CRC (`_crc_table`): an answer compresses only its
    token."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.private_cookies = (settings.SESSION_COOKIE_NAME, "messages")
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        key = None
        if (
            request.method == "GET"
            and not any(name in request.COOKIES for name in self.private_cookies)
            and not request.GET.get("q")
        ):
            key = page_key(request)
            gzipped = GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) is not None
            entry = cache.get(key + (":gzip" if gzipped else ":text"))
            if entry is not None:
                stamp, _modified = page_stamp(conference_id=entry["conference"])
                if stamp == entry["stamp"]:
                    return self._answer(request, entry)
        response = self.get_response(request)
        page = getattr(request, "page_cache", None)
        if page:
            _validators(response, page)
            if key and response.status_code == 200 and not response.streaming:
                entries = self._entries(request, response, page)
                if entries is not None:
                    cache.set_many({key + suffix: entry for suffix, entry in entries.items()})
        return response

    @staticmethod
    def _entries(request, response, page: dict) -> dict | None:
        """What is kept of a response, as text and gzipped; None if it is somebody's own."""
        allowed = {settings.CSRF_COOKIE_NAME} if request.META.get("CSRF_COOKIE") else set()
        if set(response.cookies) - allowed:
            return None
        body = response.content
        if response.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        elif response.has_header("Content-Encoding"):
            return None
        parts = CSRF_INPUT.split(body)
        common = {
            "conference": page["conference"],
            "stamp": page["stamp"],
            "modified": page["modified"],
            "status": response.status_code,
            "headers": [
                (name, value) for name, value in response.items() if name.lower() not in _NOT_KEPT
            ],
        }
        text = {**common, "parts": parts}
        if sum(len(part) for part in parts) < 200:
            return {":text": text, ":gzip": text}
        return {
            ":text": text,
            ":gzip": {
                **common,
                "segments": [
                    _deflate(part, last=n == len(parts) - 1) for n, part in enumerate(parts)
                ],
                **_crc_table(parts),
            },
        }

    def _answer(self, request, entry: dict) -> HttpResponse:
        parts = entry.get("parts")
        segments = entry.get("segments", ())
        token = b""
        if len(parts or segments) > 1:
            self.csrf.process_request(request)
            token = get_token(request).encode()
        body = _gzip(entry, token) if segments else token.join(parts)
        response = HttpResponse(body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        if segments:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(body))
        patch_vary_headers(response, ("Accept-Encoding",))
        if token:
            self.csrf.process_response(request, response)
        modified = entry["modified"]
        answer = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=modified and int(modified.timestamp()),
            response=response,
        )
        if answer is not response and response.has_header("Access-Control-Allow-Origin"):
            answer["Access-Control-Allow-Origin"] = response["Access-Control-Allow-Origin"]
        return answer


# The value of a form's CSRF field, as {% csrf_token %} writes it (64 letters and digits).
CSRF_INPUT = re.compile(rb'(?<=name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(?=")')
TOKEN_LENGTH = 64
# Not kept: made afresh for each answer (the server's Date, the security headers outside,
# the visitor's own CSRF cookie, the encoding and length of this answer's body).
_NOT_KEPT = {"connection", "date", "set-cookie", "content-encoding", "content-length"}
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # no name, no time, level 6


def _deflate(data: bytes, *, last: bool) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH
    )


def _crc_table(parts: list[bytes]) -> dict:
    """The CRC-32 of the page with zeros for its tokens, and what each bit of each token
    changes in it. CRC-32 is affine: for texts of one length, crc(x ^ y ^ z) = crc(x) ^
    crc(y) ^ crc(z), so the CRC of the page with real tokens is this one XOR the bits'
    entries, and an answer need not read the whole text to make its gzip trailer."""
    zero = bytes(TOKEN_LENGTH)
    length = sum(len(part) for part in parts) + TOKEN_LENGTH * (len(parts) - 1)
    crc = zlib.crc32(zero.join(parts))
    bits = []
    before = 0
    for n in range(len(parts) - 1):
        before += len(parts[n])
        after = bytes(length - before - TOKEN_LENGTH)
        prefix = zlib.crc32(bytes(before))
        nothing = zlib.crc32(after, zlib.crc32(zero, prefix))
        for place in range(TOKEN_LENGTH):
            for bit in range(8):
                unit = bytearray(TOKEN_LENGTH)
                unit[place] = 1 << bit
                bits.append(zlib.crc32(after, zlib.crc32(bytes(unit), prefix)) ^ nothing)
        before += TOKEN_LENGTH
    return {"crc": crc, "bits": bits, "length": length}


def _gzip(entry: dict, token: bytes) -> bytes:
    """The gzip file of the page with `token` in its places."""
    segments = entry["segments"]
    crc = entry["crc"]
    if len(segments) > 1:
        glue = _deflate(token, last=False)
        stream = glue.join(segments)
        bits = entry["bits"]
        for n in range(len(segments) - 1):
            base = n * TOKEN_LENGTH * 8
            for place, byte in enumerate(token):
                while byte:
                    low = byte & -byte
                    crc ^= bits[base + place * 8 + low.bit_length() - 1]
                    byte ^= low
    else:
        stream = segments[0]
    return GZIP_HEADER + stream + struct.pack("<II", crc, entry["length"] & 0xFFFFFFFF)
