import pytest

from tracker.maps import index


@pytest.fixture(autouse=True)
def _fresh_map_index():
    """The map's cluster index is cached per process; each test has its own rolled-back data."""
    index.reset()
    yield
    index.reset()
