"""Hot reads whose SQL is compiled once per process instead of once per request.

Django builds and compiles a queryset's SQL anew every time it runs, and for the small reads
that every request of a rush makes (a conference by its slug, a registration by its link) that
costs more than the database's answer: a registration with its conference and ticket type is
0.11 ms to build, 0.49 ms to compile and 0.10 ms to execute (issue 20, BENCHMARKS.md).

`PreparedQuery(build)` takes a function from a few plain arguments (ints and strings: ids,
slugs, hashes) to a queryset of model instances, or a values_list() of tuples. The first call
builds it twice, with the arguments and with probe values, compiles both and compares them:
where the two SQL texts are the same and the parameters differ exactly where an argument went
in, the SQL and its compiler are kept and later calls only execute them with the new arguments
and make the instances as Django's own iterable does (select_related objects, annotations, the
database's converters). Anything else (an argument written into the SQL, one that a lookup
changes, such as `__contains`, one of another type) is run by the ORM each time, as before: the
result is the same either way, only the cost differs. `build` must not branch on its arguments'
values (the probe would not see the other branch): it passes them to lookups, nothing else.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.db.transaction import TransactionManagementError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Instances:
    """How a row becomes a model instance, as ModelIterable makes it."""

    model: type[Model]
    init_list: tuple[str, ...]
    start: int
    end: int
    populators: tuple  # select_related objects
    annotations: tuple[tuple[str, int], ...]

    def make(self, row, using: str) -> Model:
        instance = self.model.from_db(using, self.init_list, row[self.start : self.end])
        for populator in self.populators:
            populator.populate(row, instance)
        for name, column in self.annotations:
            setattr(instance, name, row[column])
        return instance


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple
    # (position in params, index of the argument that goes there)
    slots: tuple[tuple[int, int], ...]
    compiler: Any
    # The database's converters of the selected columns, and whether any is a composite key.
    converters: dict
    composite: bool
    fields: tuple
    locks: bool  # select_for_update(): only inside a transaction, as the ORM requires
    instances: _Instances | None  # None: a values_list(), its rows as tuples


def _probe(value):
    # A value of the same type that no real argument has, so that its place in the parameters
    # tells where the argument went (bool is an int, and would change the SQL for a lookup).
    if type(value) is int:
        return value + 7_919
    if type(value) is str:
        return value + "\x1fprobe"
    return None


class PreparedQuery:
    """A read of model instances whose SQL is compiled once per process and database."""

    def __init__(self, build: Callable[..., QuerySet]):
        self._build = build
        self._plans: dict[tuple[str, str], _Plan | None] = {}
        self._lock = threading.Lock()

    def list(self, *args, using: str = "default") -> list:
        """The instances (or, for a values_list(), the tuples) for these arguments."""
        key = (using, connections[using].vendor)
        if key not in self._plans:
            with self._lock:
                if key not in self._plans:
                    self._plans[key] = self._prepare(args, using)
        plan = self._plans[key]
        if plan is None:
            return list(self._build(*args).using(using))
        if plan.locks and connections[using].get_autocommit():
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        return _run(plan, args, using)

    def get(self, *args, using: str = "default") -> Model:
        """The one instance, or the model's DoesNotExist / MultipleObjectsReturned."""
        found = self.list(*args, using=using)
        if len(found) == 1:
            return found[0]
        queryset = self._build(*args)
        if not found:
            raise queryset.model.DoesNotExist(
                f"{queryset.model._meta.object_name} matching query does not exist."
            )
        raise queryset.model.MultipleObjectsReturned(
            f"get() returned more than one {queryset.model._meta.object_name}."
        )

    def _prepare(self, args: tuple, using: str) -> _Plan | None:
        probes = tuple(_probe(value) for value in args)
        if None in probes:
            return None
        first = self._build(*args).using(using)
        second = self._build(*probes).using(using)
        if first._known_related_objects or first._prefetch_related_lookups:
            return None  # made after the rows by the queryset itself; not kept here
        rows_only = first._iterable_class is ValuesListIterable
        if first._iterable_class is not ModelIterable and not rows_only:
            return None  # values(), flat or named values_list(): made otherwise
        compiler = first.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
            other_sql, other_params = second.query.get_compiler(using=using).as_sql()
        except (EmptyResultSet, FullResultSet):
            return None
        slots = _slots(args, probes, params, other_params) if sql == other_sql else None
        if slots is None:
            logger.debug("not prepared (its SQL depends on its arguments): %s", sql)
            return None
        select, klass_info = compiler.select, compiler.klass_info
        instances = None
        if not rows_only:
            if klass_info is None:
                return None
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            instances = _Instances(
                model=klass_info["model"],
                init_list=tuple(column[0].target.attname for column in select[start:end]),
                start=start,
                end=end,
                populators=tuple(get_related_populators(klass_info, select, using)),
                annotations=tuple((compiler.annotation_col_map or {}).items()),
            )
        columns = [column[0] for column in select[0 : compiler.col_count]]
        return _Plan(
            sql=sql,
            params=tuple(params),
            slots=slots,
            compiler=compiler,
            converters=compiler.get_converters(columns),
            composite=compiler.has_composite_fields(columns),
            fields=tuple(columns),
            locks=first.query.select_for_update,
            instances=instances,
        )


def _slots(args, probes, params, other_params) -> tuple[tuple[int, int], ...] | None:
    """Where each argument goes in the parameters, or None where that is not certain."""
    if len(params) != len(other_params):
        return None
    slots = []
    for position, (value, other) in enumerate(zip(params, other_params, strict=True)):
        if value == other and type(value) is type(other):
            continue  # a constant of the query's own
        matches = [
            index
            for index, (arg, probe) in enumerate(zip(args, probes, strict=True))
            if type(value) is type(arg) and value == arg and other == probe
        ]
        if len(matches) != 1:
            return None
        slots.append((position, matches[0]))
    return tuple(slots)


def _run(plan: _Plan, args: tuple, using: str) -> list[Model]:
    params = list(plan.params)
    for position, index in plan.slots:
        params[position] = args[index]
    with connections[using].cursor() as cursor:
        cursor.execute(plan.sql, params)
        rows = cursor.fetchall()
    # What the compiler's results_iter() does, with the converters found once.
    if plan.converters:
        rows = plan.compiler.apply_converters(rows, plan.converters)
    if plan.composite:
        rows = plan.compiler.composite_fields_to_tuples(rows, list(plan.fields))
    if plan.instances is None:
        return [tuple(row) for row in rows]
    return [plan.instances.make(row, using) for row in rows]
