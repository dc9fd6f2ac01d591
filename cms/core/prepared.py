"""Queries whose SQL is built once per process and database connection, then run with each call's values.

Django builds a queryset's SQL anew every time it runs it, and for the queries a unit page repeats on every
rendering that is most of their cost: building and compiling the page's own query (its four parent tables and
the contact's joins) took about 4 of its 5.6 ms of Python, its links' UNION 6 of 7, its activity figures (four
population subqueries) 8 of 10.5. A :class:`PreparedQuery` builds the queryset once, with stand-in values for
its parameters, compiles it, and from then on runs that SQL with the values of the call substituted for the
stand-ins: the same SQL text, the same rows, the same model instances (``select_related`` objects and
annotations included), without rebuilding it.

Not a cache of data: nothing read from the database is kept; each call runs its query. What is kept is the SQL
text and the compiler that turns rows into objects, per database connection (each thread has its own) and per
*shape*: the values that change the SQL's structure rather than a parameter (e.g. the restricted sections that
``public()`` excludes, or whether a unit has a predecessor), which the caller passes positionally and which must
be hashable. Parameters are integers (ids), passed by name; the builder must use them as plain values
(``pk=``, ``unit_id=``), so that each appears in the compiled parameters as given (one that does not is an
error). ``prefetch_related`` is not run: a query that needs it prepares the related queries separately.

    FIGURES = PreparedQuery(lambda unit_id: Figures.objects.filter(unit_id=unit_id).order_by("year"))
    FIGURES.run(unit_id=7)  # a list of Figures
"""

import weakref
from itertools import count

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

#: Stand-ins for the parameters: negative, within a 32-bit integer column's range (Django turns a comparison
#: with a value out of the column's range into an empty or full condition), and unlike any real id.
_STAND_IN_BASE = -2_000_000_000
#: Shapes kept per query and connection at most (the restricted sections change rarely; this only bounds it).
MAX_SHAPES = 64


class _Compiled:
    __slots__ = ("sql", "params", "positions", "compiler", "converters", "objects", "empty", "instances")

    def __init__(self, queryset, stand_ins):
        self.compiler = queryset.query.get_compiler(using=queryset.db)
        self.objects = queryset._iterable_class is ModelIterable
        if not self.objects and queryset._iterable_class is not ValuesListIterable:
            raise ImproperlyConfigured("A prepared query gives model instances or values_list() rows.")
        if queryset._prefetch_related_lookups:
            raise ImproperlyConfigured("A prepared query runs no prefetch_related(): prepare those queries apart.")
        try:
            self.sql, params = self.compiler.as_sql()
            self.empty = not self.sql
        except EmptyResultSet:
            self.sql, params, self.empty = "", (), True
        self.params = list(params)
        self.positions = [
            (index, name)
            for index, value in enumerate(self.params)
            for name, stand_in in stand_ins.items()
            if type(value) is int and value == stand_in
        ]
        fields = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(fields) if not self.empty else {}
        if not self.empty and self.compiler.has_composite_fields(fields):
            raise ImproperlyConfigured("A prepared query selects no composite fields.")
        self.instances = _Instances(self.compiler, queryset.db) if self.objects and not self.empty else None
        missing = set(stand_ins) - {name for _index, name in self.positions}
        if missing and not self.empty:
            raise ImproperlyConfigured(f"Parameters {sorted(missing)} do not appear as values in the query's SQL.")


class PreparedQuery:
    """A queryset built by ``build(*shape, **parameters)``, compiled once per connection, shape and set of
    parameter names."""

    def __init__(self, build):
        self.build = build
        self._compiled = weakref.WeakKeyDictionary()  # connection -> {(shape, names): _Compiled}

    def compiled(self, shape, names, using=DEFAULT_DB_ALIAS):
        connection = connections[using]
        shapes = self._compiled.setdefault(connection, {})
        key = (shape, names)
        found = shapes.get(key)
        if found is None:
            stand_ins = dict(zip(names, count(_STAND_IN_BASE, -7919), strict=False))
            queryset = self.build(*shape, **stand_ins).using(using)
            found = _Compiled(queryset, stand_ins)
            if len(shapes) >= MAX_SHAPES:
                shapes.clear()
            shapes[key] = found
        return found

    def run(self, *shape, using=DEFAULT_DB_ALIAS, **values):
        """The query's results for ``values`` of its parameters: model instances, or tuples for values_list()."""
        compiled = self.compiled(shape, tuple(sorted(values)), using)
        if compiled.empty:
            return []
        params = compiled.params.copy()
        for index, name in compiled.positions:
            value = values[name]
            if type(value) is not int:
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
            params[index] = value
        compiler = compiled.compiler
        with compiler.connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiler.has_extra_select:
            rows = [row[: compiler.col_count] for row in rows]
        if compiled.converters:
            rows = compiler.apply_converters(rows, compiled.converters)
        if not compiled.objects:
            return [tuple(row) for row in rows]
        return compiled.instances.make(rows)


class _Instances:
    """Makes model instances of rows as Django's ``ModelIterable`` does (with ``select_related`` objects and
    annotations), from what the compiler worked out once."""

    def __init__(self, compiler, db):
        select, klass_info = compiler.select, compiler.klass_info
        self.db = db
        self.model = klass_info["model"]
        select_fields = klass_info["select_fields"]
        self.start, self.end = select_fields[0], select_fields[-1] + 1
        self.init_list = [f[0].target.attname for f in select[self.start : self.end]]
        self.related_populators = get_related_populators(klass_info, select, db)
        self.annotations = list(compiler.annotation_col_map.items())

    def make(self, rows):
        objects = []
        for row in rows:
            obj = self.model.from_db(self.db, self.init_list, row[self.start : self.end])
            for populator in self.related_populators:
                populator.populate(row, obj)
            for name, position in self.annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects
