"""Fast dumping of plain rows through a dump schema's whitelist, for hot list endpoints.

marshmallow's per-field machinery costs about 1 µs a field, which is most of a 50-row page.
``RowDumper`` reads the schema's declared fields once, keeps the same whitelist and output
format, and converts each value with a precompiled function. Only simple field types are
supported; anything else is refused when the dumper is built, not silently mis-serialised.
"""

from collections.abc import Callable, Iterable
from operator import itemgetter

from marshmallow import Schema, fields


def _identity(value):
    return value


def _isoformat(value):
    return None if value is None else value.isoformat()


def _list(value):
    return None if value is None else list(value)


_CONVERTERS: list[tuple[type, Callable]] = [
    (fields.DateTime, _isoformat),
    (fields.Date, _isoformat),
    (fields.List, _list),
    (fields.String, _identity),
    (fields.Integer, _identity),
    (fields.Float, _identity),
    (fields.Boolean, _identity),
]


class RowDumper:
    def __init__(self, schema_class: type[Schema]):
        self.fields: list[tuple[str, Callable]] = []
        for name, field in schema_class._declared_fields.items():
            converter = next((c for kind, c in _CONVERTERS if isinstance(field, kind)), None)
            if converter is None or (
                isinstance(field, fields.List) and not isinstance(field.inner, fields.String)
            ):
                raise TypeError(
                    f"RowDumper cannot dump {schema_class.__name__}.{name} ({type(field).__name__})"
                )
            self.fields.append((name, converter))
        # every whitelisted value picked at once, then only those that need it converted
        names = self.names
        self._pick = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
        self._converted = [(name, convert) for name, convert in self.fields if convert is not _identity]

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.fields]

    def dump(self, rows: Iterable) -> list[dict]:
        names, pick, converted = self.names, self._pick, self._converted
        dumped = []
        for row in rows:
            item = dict(zip(names, pick(row), strict=True))
            for name, convert in converted:
                item[name] = convert(item[name])
            dumped.append(item)
        return dumped
