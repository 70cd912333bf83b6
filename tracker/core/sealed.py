"""Columns stored sealed (``tracker.core.crypto``), read and written in clear through the ORM.

A model declares which of its text columns are sealed and when (``protect``): confidential notes
always, an internal source's details, the names of a journalist who is an identity-protected
victim. Each row carries ``seal_key``, a random id made when the row is first sealed: it is the
"row" of the binding (``table.column:seal_key``), known before the INSERT, so that the batch
writers (COPY, multi-row INSERT) seal rows before they are written, exactly as the ORM does.

ORM objects hold clear values: sealed on the way into an INSERT or UPDATE, opened when loaded.
Core reads (``select(Journalist.name_ar, ...)``) see the stored form and open it with ``opened``.
"""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import attributes

from tracker.core import crypto


@dataclass(frozen=True)
class Rule:
    table: str
    columns: tuple[str, ...]
    when: Callable[[Mapping], bool]  # on the row's values: whether its columns are sealed


RULES: dict[str, Rule] = {}


def where(table: str, column: str, seal_key: str) -> str:
    return f"{table}.{column}:{seal_key}"


def new_seal_key() -> str:
    return uuid.uuid4().hex


def seal_row(table: str, row: dict) -> dict:
    """``row`` (plain values about to be inserted) with its sealed columns sealed and a ``seal_key``."""
    rule = RULES[table]
    row = {**row, "seal_key": row.get("seal_key") or new_seal_key()}
    if rule.when(row):
        for column in rule.columns:
            if row.get(column) is not None and not crypto.is_sealed(row[column]):
                row[column] = crypto.seal(row[column], where(table, column, row["seal_key"]))
    return row


def opened(table: str, column: str, stored: str | None, seal_key: str | None) -> str | None:
    """The clear value of a stored one read without the ORM (clear legacy values as they are)."""
    if stored is None or not crypto.is_sealed(stored):
        return stored
    return crypto.unseal(stored, where(table, column, seal_key or ""))


class _View(Mapping):
    """An ORM object's values as a mapping, for ``Rule.when``."""

    def __init__(self, target):
        self._target = target

    def __getitem__(self, key):
        return getattr(self._target, key)

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


def protect(model, columns: tuple[str, ...], when: Callable[[Mapping], bool] = lambda row: True) -> None:
    """Store ``columns`` of ``model`` sealed whenever ``when(row)`` holds; the model has ``seal_key``."""
    table = model.__tablename__
    RULES[table] = Rule(table, columns, when)

    def open_loaded(target, *_args):
        state = sa.inspect(target)
        for column in columns:
            stored = state.dict.get(column)
            if stored is not None and crypto.is_sealed(stored):
                value = crypto.unseal(stored, where(table, column, target.seal_key or ""))
                attributes.set_committed_value(target, column, value)

    def seal_for_write(_mapper, _connection, target):
        clear = {column: getattr(target, column) for column in columns}
        target.__dict__["_sealed_clear"] = clear
        if not when(_View(target)):
            return
        if target.seal_key is None:
            target.seal_key = new_seal_key()
        for column, value in clear.items():
            if value is not None and not crypto.is_sealed(value):
                setattr(target, column, crypto.seal(value, where(table, column, target.seal_key)))

    def reopen_after_write(_mapper, _connection, target):
        for column, value in target.__dict__.pop("_sealed_clear", {}).items():
            attributes.set_committed_value(target, column, value)

    sa.event.listen(model, "load", open_loaded)
    sa.event.listen(model, "refresh", open_loaded)
    sa.event.listen(model, "before_insert", seal_for_write)
    sa.event.listen(model, "before_update", seal_for_write)
    sa.event.listen(model, "after_insert", reopen_after_write)
    sa.event.listen(model, "after_update", reopen_after_write)
