"""tracker.core.kept: a bounded per-process store, least recently used dropped first."""

from tracker.core.kept import Kept


def test_values_are_computed_once_and_the_least_recently_used_dropped():
    kept, made = Kept(2), []
    assert kept.get("a", lambda: made.append("a") or 1) == 1
    assert kept.get("a", lambda: made.append("a") or 2) == 1 and made == ["a"]
    kept.keep({"b": 2})
    kept.get("a", lambda: 0)  # used: "b" is now the least recently used
    kept.keep({"c": 3})
    assert kept.found(["a", "b", "c"]) == {"a": 1, "c": 3}


def test_many_keys_at_once():
    kept = Kept(3)
    kept.keep({1: "one", 2: "two", 3: "three", 4: "four"})
    assert kept.found([1, 2, 3, 4, 5]) == {2: "two", 3: "three", 4: "four"}
    kept.clear()
    assert kept.found([2]) == {}
